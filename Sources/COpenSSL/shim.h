// The parts of the system's libcrypto (OpenSSL 3, Debian's libssl-dev) that SystemCrypto calls:
// one-shot digests and HMAC, Ed25519 keys from raw bytes and one-shot signing, the private random
// generator, cleansing, and the error queue. Every one is a plain function, so no C wrappers are needed.
#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#endif
