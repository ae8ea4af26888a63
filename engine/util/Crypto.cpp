#include "util/Crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace inlet::crypto {
namespace {

QByteArray hmac(const EVP_MD *md, QByteArrayView key, QByteArrayView message)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(md, key.data(), int(key.size()), reinterpret_cast<const unsigned char *>(message.data()),
         size_t(message.size()), out, &len);
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(len));
}

} // namespace

QByteArray hmacSha256(QByteArrayView key, QByteArrayView message)
{
    return hmac(EVP_sha256(), key, message);
}

QByteArray hmacSha1(QByteArrayView key, QByteArrayView message)
{
    return hmac(EVP_sha1(), key, message);
}

QByteArray sha256(QByteArrayView data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), size_t(data.size()), out, &len, EVP_sha256(), nullptr);
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(len));
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

QByteArray randomBytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), count) != 1)
        throw std::runtime_error("OpenSSL RAND_bytes failed");
    return out;
}

QByteArray randomToken(int bytes)
{
    return randomBytes(bytes).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace inlet::crypto
