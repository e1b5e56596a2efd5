// OpenSSL, called directly by the benchmarks for the bare-signature reference.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
