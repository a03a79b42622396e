/*
 * php_dangjian.h - the dangjian PHP extension: module entry and version.
 *
 * The extension is a thin binding over the C core (src/core/dj.h): it turns
 * PHP arrays into dj_value rows, calls the core, builds PHP arrays from the
 * results and maps every dj_status to one exception class.
 */
#ifndef PHP_DANGJIAN_H
#define PHP_DANGJIAN_H

#include "dj.h"

extern zend_module_entry dangjian_module_entry;
#define phpext_dangjian_ptr &dangjian_module_entry

#define PHP_DANGJIAN_VERSION DJ_VERSION

#if defined(ZTS) && defined(COMPILE_DL_DANGJIAN)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

#endif
