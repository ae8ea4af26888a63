#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QStringView>

#include <utility>

namespace inlet {

// The compact JSON of an object written member by member, so that a member
// stored on its own and the whole object logged beside it are serialised
// once: a workflow trigger's `data` is stored on the run and logged in the
// action's payload, and is most of both.
class JsonMembers final
{
public:
    JsonMembers() = default;
    // `texts` holds members already written (JSON text by key), used as
    // they are.
    static JsonMembers of(const QJsonObject &object, const QList<std::pair<QString, QByteArray>> &texts = {});

    // The member's JSON text; a null QByteArray when there is none.
    QByteArray member(QStringView key) const;
    // The whole object in JsonWriter::write(object)'s member order; byte for
    // byte its text when no member came from `texts`.
    QByteArray object() const { return m_object; }
    // The object without the members named in `keys`, in the same order.
    QByteArray objectWithout(const QStringList &keys) const;

private:
    struct Member
    {
        QString key;
        QByteArray keyJson;
        QByteArray value;
    };
    static QByteArray join(const QList<Member> &members, const QStringList &skipped);

    QList<Member> m_members;
    QByteArray m_object;
};

} // namespace inlet
