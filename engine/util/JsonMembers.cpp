#include "util/JsonMembers.h"

#include "util/JsonWriter.h"

#include <algorithm>

namespace inlet {

JsonMembers JsonMembers::of(const QJsonObject &object, const QList<std::pair<QString, QByteArray>> &texts)
{
    JsonMembers m;
    m.m_members.reserve(object.size());
    // Kept in QJsonObject's (sorted) order, as JsonWriter writes objects.
    for (auto it = object.constBegin(), end = object.constEnd(); it != end; ++it) {
        const QString key = it.key();
        const auto given = std::find_if(texts.cbegin(), texts.cend(), [&](const auto &t) { return t.first == key; });
        m.m_members.append({key, JsonWriter::write(QJsonValue(key)),
                            given != texts.cend() ? given->second : JsonWriter::write(it.value())});
    }
    m.m_object = join(m.m_members, {});
    return m;
}

QByteArray JsonMembers::objectWithout(const QStringList &keys) const
{
    return keys.isEmpty() ? m_object : join(m_members, keys);
}

QByteArray JsonMembers::join(const QList<Member> &members, const QStringList &skipped)
{
    qsizetype size = 2;
    for (const Member &m : members)
        size += m.keyJson.size() + m.value.size() + 2;
    QByteArray out;
    out.reserve(size);
    out.append('{');
    bool first = true;
    for (const Member &m : members) {
        if (skipped.contains(m.key))
            continue;
        if (!first)
            out.append(',');
        first = false;
        out.append(m.keyJson).append(':').append(m.value);
    }
    out.append('}');
    return out;
}

QByteArray JsonMembers::member(QStringView key) const
{
    for (const Member &m : m_members) {
        if (m.key == key)
            return m.value;
    }
    return {};
}

} // namespace inlet
