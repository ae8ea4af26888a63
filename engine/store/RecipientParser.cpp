#include "store/RecipientParser.h"

#include "store/ParameterReader.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

// The wording of SPEC 9.3; a list's entries are then named "recipients[2]".
QString expected(const QString &parameter, bool single)
{
    if (single)
        return u"parameter '%1' must be a user id, an object with 'id' or a {\"collection\", \"id\"} reference"_s.arg(
            parameter);
    return u"parameter '%1' must be a user id, a list of ids or objects with 'id'"_s.arg(parameter);
}

} // namespace

std::optional<RecipientRef> RecipientParser::entry(const QJsonValue &value, Accept accept, QString *problem)
{
    if (value.isString()) {
        if (value.toString().isEmpty()) {
            *problem = u"an empty string"_s;
            return std::nullopt;
        }
        RecipientRef r;
        r.id = value.toString();
        return r;
    }
    if (!value.isObject()) {
        *problem = ParameterReader::typeName(value);
        return std::nullopt;
    }
    const QJsonObject o = value.toObject();
    const QJsonValue id = o.value(u"id"_s);
    if (id.isUndefined() || id.isNull()) {
        *problem = u"an object without 'id'"_s;
        return std::nullopt;
    }
    RecipientRef r;
    r.id = ParameterReader::identifierText(id);
    if (r.id.isNull()) {
        *problem = u"an object whose 'id' is %1"_s.arg(ParameterReader::typeName(id));
        return std::nullopt;
    }
    if (r.id.isEmpty()) {
        *problem = u"an object whose 'id' is an empty string"_s;
        return std::nullopt;
    }
    const QJsonValue collection = o.value(u"collection"_s);
    const bool isObject = !collection.isUndefined() && !collection.isNull();
    if (isObject) {
        if (accept == Accept::UsersOnly) {
            *problem = u"an object reference (only users are accepted here)"_s;
            return std::nullopt;
        }
        r.collection = ParameterReader::identifierText(collection);
        if (r.collection.isNull()) {
            *problem = u"an object whose 'collection' is %1"_s.arg(ParameterReader::typeName(collection));
            return std::nullopt;
        }
        if (r.collection.isEmpty()) {
            *problem = u"an object whose 'collection' is an empty string"_s;
            return std::nullopt;
        }
    }
    // A user object is always identified (even `{"id": "u1"}` alone, as
    // Knock does); an object reference only when it carries more than the
    // reference itself.
    const QStringList identity = {u"id"_s, u"collection"_s};
    r.isInline = !isObject || o.size() > (o.contains(u"collection"_s) ? 2 : 1);
    if (r.isInline) {
        QString field;
        QString fieldProblem;
        const auto patch = RecordPatch::read(o, isObject ? RecordPatch::objectColumns() : RecordPatch::userColumns(),
                                             identity, &field, &fieldProblem);
        if (!patch) {
            *problem = u"an inline %1 whose '%2' %3"_s.arg(isObject ? u"object"_s : u"user"_s, field, fieldProblem);
            return std::nullopt;
        }
        r.patch = *patch;
    }
    return r;
}

std::optional<QList<RecipientRef>> RecipientParser::parseList(const QJsonValue &value, const QString &parameter,
                                                              Accept accept, ActionOutcome *failure)
{
    if (!value.isArray()) {
        QString problem;
        const auto one = entry(value, accept, &problem);
        if (!one) {
            *failure = ActionOutcome::skipped(parameter, expected(parameter, false) + u"; got "_s + problem);
            return std::nullopt;
        }
        return QList<RecipientRef>{*one};
    }
    const QJsonArray list = value.toArray();
    if (list.size() > maxRecipients) {
        *failure = ActionOutcome::failed(u"parameter '%1' has %2 entries; at most %3 are allowed"_s.arg(parameter)
                                             .arg(list.size())
                                             .arg(maxRecipients),
                                         parameter);
        return std::nullopt;
    }
    QList<RecipientRef> out;
    out.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        QString problem;
        const auto one = entry(list.at(i), accept, &problem);
        if (!one) {
            *failure = ActionOutcome::skipped(parameter, expected(parameter, false) +
                                                             u"; %1[%2] is "_s.arg(parameter).arg(i) + problem);
            return std::nullopt;
        }
        out.append(*one);
    }
    return out;
}

std::optional<RecipientRef> RecipientParser::parseOne(const QJsonValue &value, const QString &parameter,
                                                      ActionOutcome *failure)
{
    QString problem;
    const auto one = value.isArray() ? std::nullopt : entry(value, Accept::UsersAndObjects, &problem);
    if (!one) {
        if (value.isArray())
            problem = u"a list"_s;
        *failure = ActionOutcome::skipped(parameter, expected(parameter, true) + u"; got "_s + problem);
    }
    return one;
}

} // namespace inlet
