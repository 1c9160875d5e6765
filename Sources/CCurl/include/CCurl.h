#ifndef VAULTWATCH_CCURL_H
#define VAULTWATCH_CCURL_H

// The system's libcurl (Debian: libcurl4-openssl-dev), opened when first used, for AWSClient's
// CurlTransport. Swift cannot call the variadic curl_easy_setopt/curl_easy_getinfo, so each
// argument type gets a typed function here.

#include <curl/curl.h>

typedef size_t (*ccurl_data_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*ccurl_progress_callback)(void *context, curl_off_t download_total, curl_off_t downloaded,
                                       curl_off_t upload_total, curl_off_t uploaded);

/// Opens libcurl.so.4 and runs curl_global_init(CURL_GLOBAL_DEFAULT), once, before anything
/// else here (which all call through what it found): CURLE_FAILED_INIT when the library could
/// not be opened, and then ccurl_load_error() says why.
CURLcode ccurl_global_init(void);
const char *ccurl_load_error(void);

CURL *ccurl_easy_init(void);
void ccurl_easy_cleanup(CURL *handle);
void ccurl_easy_reset(CURL *handle);
CURLcode ccurl_easy_perform(CURL *handle);
const char *ccurl_easy_strerror(CURLcode code);
struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *line);
void ccurl_slist_free_all(struct curl_slist *list);

CURLcode ccurl_set_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_set_size(CURL *handle, CURLoption option, curl_off_t value);
/// A string option; libcurl copies it.
CURLcode ccurl_set_string(CURL *handle, CURLoption option, const char *value);
/// A pointer option (a header list, callback context, the error buffer, a request body).
CURLcode ccurl_set_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_set_data_callback(CURL *handle, CURLoption option, ccurl_data_callback callback);
CURLcode ccurl_set_progress_callback(CURL *handle, ccurl_progress_callback callback);

CURLcode ccurl_get_long(CURL *handle, CURLINFO info, long *value);

#endif
