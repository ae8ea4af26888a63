#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace inlet {

// Replaces known secret values wherever they occur in text or JSON (keys and
// values, whole or inside a longer string) with "[redacted]". Used on what a
// preprocess script returns or throws: the script sees secret variables and
// raw headers, the event log must not (SPEC 10.1, issue 7). Secrets shorter
// than kMinLength are ignored: replacing "a" or "1" everywhere would garble
// the log without protecting anything.
class SecretRedactor final
{
public:
    static constexpr qsizetype kMinLength = 4;
    static inline const QString kRedacted = QStringLiteral("[redacted]");

    void add(const QString &secret);
    void add(const QJsonValue &secret); // strings only; numbers and the like are not secrets
    bool isEmpty() const { return m_secrets.isEmpty(); }

    QString redact(QString text) const;
    QJsonValue redact(const QJsonValue &value) const;
    QJsonObject redact(const QJsonObject &object) const;

private:
    QStringList m_secrets; // longest first, so a secret containing another is replaced whole
};

} // namespace inlet
