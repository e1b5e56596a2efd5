#ifndef BOX_AUTH_COPENSSL_SHIM_H
#define BOX_AUTH_COPENSSL_SHIM_H

#include <string.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/provider.h>
#include <openssl/crypto.h>
#include <openssl/x509.h>

/// A passphrase handed to OpenSSL's PEM password callback.
typedef struct {
    const char *bytes;
    int length;
} box_auth_passphrase;

/// PEM password callback that copies the passphrase in `userdata`, or fails when there is none
/// (so OpenSSL never prompts on a terminal).
static inline int box_auth_passphrase_callback(char *buffer, int size, int rwflag, void *userdata) {
    (void)rwflag;
    const box_auth_passphrase *passphrase = (const box_auth_passphrase *)userdata;
    if (passphrase == NULL || passphrase->bytes == NULL || passphrase->length > size) {
        return -1;
    }
    memcpy(buffer, passphrase->bytes, (size_t)passphrase->length);
    return passphrase->length;
}

/// Bytes held by a memory BIO (wraps the BIO_get_mem_data macro).
static inline long box_auth_BIO_get_mem_data(BIO *bio, char **out) {
    return BIO_get_mem_data(bio, out);
}

#endif
