#include "script/ScriptHelpers.h"

#include "util/Crypto.h"

namespace inlet {

QString ScriptHelpers::hmacSha256Hex(const QString &key, const QString &message) const
{
    return QString::fromLatin1(crypto::hmacSha256(key.toUtf8(), message.toUtf8()).toHex());
}

QString ScriptHelpers::hmacSha256Base64(const QString &key, const QString &message) const
{
    return QString::fromLatin1(crypto::hmacSha256(key.toUtf8(), message.toUtf8()).toBase64());
}

QString ScriptHelpers::hmacSha256Base64WithBase64Key(const QString &base64Key, const QString &message) const
{
    return QString::fromLatin1(
        crypto::hmacSha256(QByteArray::fromBase64(base64Key.toLatin1()), message.toUtf8()).toBase64());
}

QString ScriptHelpers::hmacSha1Hex(const QString &key, const QString &message) const
{
    return QString::fromLatin1(crypto::hmacSha1(key.toUtf8(), message.toUtf8()).toHex());
}

QString ScriptHelpers::sha256Hex(const QString &data) const
{
    return QString::fromLatin1(crypto::sha256(data.toUtf8()).toHex());
}

QString ScriptHelpers::base64Encode(const QString &data) const
{
    return QString::fromLatin1(data.toUtf8().toBase64());
}

QString ScriptHelpers::base64Decode(const QString &data) const
{
    return QString::fromUtf8(QByteArray::fromBase64(data.toLatin1()));
}

bool ScriptHelpers::timingSafeEqual(const QString &a, const QString &b) const
{
    return crypto::constantTimeEquals(a.toUtf8(), b.toUtf8());
}

} // namespace inlet
