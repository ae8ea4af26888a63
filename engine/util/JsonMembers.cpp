#include "util/JsonMembers.h"

#include "util/JsonWriter.h"

#include <algorithm>

namespace inlet {

JsonMembers JsonMembers::of(const QJsonObject &object, const QList<std::pair<QString, QByteArray>> &texts)
{
    JsonMembers m;
    m.m_members.reserve(object.size());
    qsizetype size = 2;
    QList<QByteArray> keys;
    keys.reserve(object.size());
    for (auto it = object.constBegin(), end = object.constEnd(); it != end; ++it) {
        const QString key = it.key();
        keys.append(JsonWriter::write(QJsonValue(key)));
        const auto given = std::find_if(texts.cbegin(), texts.cend(), [&](const auto &t) { return t.first == key; });
        m.m_members.append({key, given != texts.cend() ? given->second : JsonWriter::write(it.value())});
        size += keys.constLast().size() + m.m_members.constLast().second.size() + 2;
    }
    // Joined in QJsonObject's (sorted) order, as JsonWriter writes objects.
    m.m_object.reserve(size);
    m.m_object.append('{');
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (i > 0)
            m.m_object.append(',');
        m.m_object.append(keys.at(i)).append(':').append(m.m_members.at(i).second);
    }
    m.m_object.append('}');
    return m;
}

QByteArray JsonMembers::member(QStringView key) const
{
    for (const auto &[name, text] : m_members) {
        if (name == key)
            return text;
    }
    return {};
}

} // namespace inlet
