#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace inlet {

// Compact JSON text, byte for byte what QJsonDocument::toJson(Compact)
// writes (keys in QJsonObject's order, the same escapes and number forms),
// at a fraction of its cost: Qt's writer allocates a buffer per string and
// grows its output in small steps, which made serialising action logs and
// workflow data a third of processing an event.
class JsonWriter final
{
public:
    static QByteArray write(const QJsonObject &object);
    static QByteArray write(const QJsonArray &array);
    // Any value, scalars included ("1", "\"text\"", "null").
    static QByteArray write(const QJsonValue &value);

private:
    explicit JsonWriter(qsizetype reserve);
    void object(const QJsonObject &o);
    void array(const QJsonArray &a);
    void value(const QJsonValue &v);
    void string(QStringView s);
    void raw(const char *text, qsizetype size);
    char *grow(qsizetype most); // room for `most` more bytes
    void commit(char *end);     // the bytes written up to `end` are final

    QByteArray m_out;
    qsizetype m_size = 0;
};

} // namespace inlet
