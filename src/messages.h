/*
 * messages.h - the few messages the binding writes itself.
 *
 * Every other message comes from the core (dj_error.message) and is passed
 * to PHP unchanged; docs/ENGINE.md holds the full list.
 */
#ifndef DANGJIAN_MESSAGES_H
#define DANGJIAN_MESSAGES_H

/* DJ_E_NOMEM, and a Dataset whose core object could not be created. */
#define DJ_MSG_NOMEM "out of memory"

/* stats()/statsJson(): an int key in the query array (printf: long long). */
#define DJ_MSG_QUERY_INT_KEY "query.%lld: unknown key"

/* save()/load(): a path outside open_basedir (printf: verb, path). */
#define DJ_MSG_OPEN_BASEDIR "cannot %s %s: not within open_basedir"

/* phpinfo() rows. */
#define DJ_MSG_INFO_SUPPORT "dangjian support"
#define DJ_MSG_INFO_VERSION "Version"
#define DJ_MSG_INFO_JANSSON "jansson version (compiled)"

#endif
