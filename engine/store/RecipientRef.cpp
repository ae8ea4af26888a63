#include "store/RecipientRef.h"

#include "store/ParameterReader.h"

#include <QJsonObject>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

QJsonValue RecipientRef::toJson() const
{
    if (isUser())
        return id;
    return QJsonObject{{u"collection"_s, collection}, {u"id"_s, id}};
}

QJsonObject RecipientRef::leftOut(const QString &reason) const
{
    QJsonObject o{{u"id"_s, id}, {u"reason"_s, reason}};
    if (!isUser())
        o.insert(u"collection"_s, collection);
    return o;
}

QString RecipientRef::label() const
{
    if (isUser())
        return u"user '%1'"_s.arg(id);
    return u"object '%1/%2'"_s.arg(collection, id);
}

RecipientRef RecipientRef::fromJson(const QJsonValue &json)
{
    RecipientRef r;
    if (json.isString()) {
        r.id = json.toString();
    } else if (json.isObject()) {
        const QJsonObject o = json.toObject();
        r.collection = ParameterReader::identifierText(o.value(u"collection"_s));
        r.id = ParameterReader::identifierText(o.value(u"id"_s));
    }
    return r;
}

QList<RecipientRef> RecipientRef::distinct(const QList<RecipientRef> &list)
{
    QList<RecipientRef> out;
    QSet<QString> seen;
    for (const RecipientRef &r : list) {
        // A unit separator cannot appear in a sane id, so the key is unique.
        const QString key = r.collection + QChar(0x1f) + r.id;
        if (!seen.contains(key)) {
            seen.insert(key);
            out.append(r);
        }
    }
    return out;
}

} // namespace inlet
