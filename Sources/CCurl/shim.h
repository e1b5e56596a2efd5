#ifndef BOX_AUTH_CCURL_SHIM_H
#define BOX_AUTH_CCURL_SHIM_H

#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed wrapper
// per kind of argument the Unix socket transport passes.

/// Sets a `long` option (CURLOPT_TIMEOUT_MS, CURLOPT_NOSIGNAL, CURLOPT_POSTFIELDSIZE, ...).
static inline CURLcode box_auth_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets a pointer option (CURLOPT_WRITEDATA, CURLOPT_HEADERDATA, CURLOPT_HTTPHEADER, ...).
static inline CURLcode box_auth_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets a string option (CURLOPT_URL, CURLOPT_UNIX_SOCKET_PATH, ...); curl copies the string.
static inline CURLcode box_auth_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/// The signature of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION callbacks.
typedef size_t (*box_auth_curl_write_callback)(char *data, size_t size, size_t count, void *context);

/// Sets CURLOPT_WRITEFUNCTION or CURLOPT_HEADERFUNCTION.
static inline CURLcode box_auth_curl_setopt_write_callback(
    CURL *handle, CURLoption option, box_auth_curl_write_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

/// The signature of a CURLOPT_XFERINFOFUNCTION callback (non-zero aborts the transfer).
typedef int (*box_auth_curl_progress_callback)(
    void *context, curl_off_t download_total, curl_off_t downloaded, curl_off_t upload_total, curl_off_t uploaded);

/// Sets CURLOPT_XFERINFOFUNCTION.
static inline CURLcode box_auth_curl_setopt_progress_callback(
    CURL *handle, box_auth_curl_progress_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

/// The HTTP status of the last response (CURLINFO_RESPONSE_CODE).
static inline CURLcode box_auth_curl_response_code(CURL *handle, long *status) {
    return curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, status);
}

#endif
