#include "util/Crypto.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstring>
#include <stdexcept>

namespace inlet::crypto {
namespace {

// OpenSSL 3's one-shot HMAC() fetches the algorithm and builds a context per
// call: 1.2 of the 1.9 us for a 1 KB body. Each thread keeps the keyed
// contexts of its last few secrets and only resets them per message.
class HmacContexts final
{
public:
    ~HmacContexts()
    {
        for (Entry &e : m_entries)
            EVP_MAC_CTX_free(e.ctx);
    }

    EVP_MAC_CTX *keyed(const char *digest, QByteArrayView key)
    {
        for (Entry &e : m_entries) {
            if (e.ctx && std::strcmp(e.digest, digest) == 0 && e.key == key)
                return EVP_MAC_init(e.ctx, nullptr, 0, nullptr) == 1 ? e.ctx : nullptr;
        }
        static EVP_MAC *const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
        Entry &e = m_entries[m_next++ % kEntries];
        EVP_MAC_CTX_free(e.ctx);
        e = Entry{digest, key.toByteArray(), mac ? EVP_MAC_CTX_new(mac) : nullptr};
        OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", const_cast<char *>(digest), 0),
                               OSSL_PARAM_construct_end()};
        // An empty key is valid HMAC; OpenSSL wants a non-null pointer for it.
        static const unsigned char none = 0;
        const auto *k = key.isEmpty() ? &none : reinterpret_cast<const unsigned char *>(key.data());
        if (!e.ctx || EVP_MAC_init(e.ctx, k, size_t(key.size()), params) != 1) {
            EVP_MAC_CTX_free(e.ctx);
            e = Entry{};
            return nullptr;
        }
        return e.ctx;
    }

private:
    static constexpr int kEntries = 4; // Svix tries each of a source's secrets
    struct Entry
    {
        const char *digest = nullptr;
        QByteArray key;
        EVP_MAC_CTX *ctx = nullptr;
    };
    Entry m_entries[kEntries];
    unsigned m_next = 0;
};

QByteArray hmac(const char *digest, QByteArrayView key, QByteArrayView message)
{
    thread_local HmacContexts contexts;
    EVP_MAC_CTX *ctx = contexts.keyed(digest, key);
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t len = 0;
    if (!ctx ||
        EVP_MAC_update(ctx, reinterpret_cast<const unsigned char *>(message.data()), size_t(message.size())) != 1 ||
        EVP_MAC_final(ctx, out, &len, sizeof out) != 1)
        return {}; // matches no signature
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(len));
}

} // namespace

QByteArray hmacSha256(QByteArrayView key, QByteArrayView message)
{
    return hmac("SHA256", key, message);
}

QByteArray hmacSha1(QByteArrayView key, QByteArrayView message)
{
    return hmac("SHA1", key, message);
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
