#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace inlet {

// Collects validation problems with the JSON path where each was found
// ("$.sources[0].environments.production.settings.idempotency_window_s:
// expected a non-negative integer, got a string"), so a bad configuration
// file is reported in full and nothing of it is applied.
class ConfigErrors final
{
public:
    void add(const QString &path, const QString &message);
    bool isEmpty() const { return m_errors.isEmpty(); }
    const QStringList &list() const { return m_errors; }
    QString joined() const { return m_errors.join(u'\n'); }

    static QString typeName(const QJsonValue &value); // "a string", "an object", ...
    static QString child(const QString &path, const QString &key);
    static QString index(const QString &path, qsizetype i);

private:
    QStringList m_errors;
};

} // namespace inlet
