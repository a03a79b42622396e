dnl config.m4 for the dangjian extension (phpize && ./configure && make).
dnl Works wherever config.m4 and src/ sit together.

PHP_ARG_ENABLE([dangjian],
  [whether to enable the dangjian extension],
  [AS_HELP_STRING([--enable-dangjian], [Enable the Dangjian statistics engine])],
  [yes])

if test "$PHP_DANGJIAN" != "no"; then
  PKG_CHECK_MODULES([JANSSON], [jansson >= 2.11])
  PHP_EVAL_INCLINE($JANSSON_CFLAGS)
  PHP_EVAL_LIBLINE($JANSSON_LIBS, DANGJIAN_SHARED_LIBADD)
  PHP_SUBST(DANGJIAN_SHARED_LIBADD)

  PHP_NEW_EXTENSION(dangjian, src/dangjian.c src/dangjian_rows.c src/dangjian_stats.c src/cache.c \
    src/core/alloc.c src/core/error.c src/core/fields.c src/core/value.c src/core/date.c \
    src/core/record.c src/core/query.c src/core/dataset.c src/core/dataset_rows.c \
    src/core/stats.c src/core/stats_cache.c src/core/stats_cache_add.c src/core/stats_people.c \
    src/core/stats_service.c \
    src/core/stats_json.c src/core/json.c src/core/json_read.c src/core/json_load.c \
    src/core/snapshot.c src/core/snapshot_read.c \
    src/core/snapshot_write.c src/core/snap_crc.c src/core/clone.c src/core/remove.c,
    $ext_shared,, [-std=c99 -I@ext_srcdir@/src/core -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1])
  PHP_ADD_BUILD_DIR([$ext_builddir/src], 1)
  PHP_ADD_BUILD_DIR([$ext_builddir/src/core], 1)
fi
