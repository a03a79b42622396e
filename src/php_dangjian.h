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

/* Dangjian\Cache's own messages (src/dangjian.c). */
#define DJ_MSG_CACHE_ZTS                                                                                     \
    "the dataset cache (Dangjian\\Cache) is not available in a thread-safe (ZTS) build of PHP: "             \
    "run PHP without ZTS (php-fpm) to keep datasets across requests"
#define DJ_MSG_CACHE_KEY "must be 1 to 255 bytes long"
#define DJ_MSG_CACHE_SIZE_NEGATIVE "dangjian.cache_size must be 0 (off) or a size in bytes such as 256M"
#define DJ_MSG_INFO_CACHE "dataset cache (dangjian.cache_size)"

#if defined(ZTS) && defined(COMPILE_DL_DANGJIAN)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

#endif
