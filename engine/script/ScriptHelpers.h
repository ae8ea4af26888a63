#pragma once

#include <QObject>
#include <QString>

namespace inlet {

// The global `inlet` object scripts see: hashing, HMAC, base64 and a
// constant-time comparison, through OpenSSL. Strings are taken as UTF-8;
// digests come back as hex or base64 strings. Nothing here reaches files,
// the network or the process.
class ScriptHelpers final : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    Q_INVOKABLE QString hmacSha256Hex(const QString &key, const QString &message) const;
    Q_INVOKABLE QString hmacSha256Base64(const QString &key, const QString &message) const;
    // Key given as base64 (e.g. a Svix secret without its whsec_ prefix).
    Q_INVOKABLE QString hmacSha256Base64WithBase64Key(const QString &base64Key, const QString &message) const;
    Q_INVOKABLE QString hmacSha1Hex(const QString &key, const QString &message) const;
    Q_INVOKABLE QString sha256Hex(const QString &data) const;
    Q_INVOKABLE QString base64Encode(const QString &data) const;
    Q_INVOKABLE QString base64Decode(const QString &data) const;
    Q_INVOKABLE bool timingSafeEqual(const QString &a, const QString &b) const;
};

} // namespace inlet
