#include "store/RecordPatch.h"

#include "store/ParameterReader.h"
#include "store/SqlStatement.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

std::optional<RecordPatch> RecordPatch::read(const QJsonObject &fields, const QStringList &columns,
                                             const QStringList &identity, QString *field, QString *problem)
{
    RecordPatch patch;
    QJsonObject explicitProperties;
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        if (identity.contains(key))
            continue;
        if (key == u"properties"_s) {
            if (value.isNull())
                continue; // a path that resolved to null: nothing to merge
            if (!value.isObject()) {
                *field = key;
                *problem = u"must be an object; got %1"_s.arg(ParameterReader::typeName(value));
                return std::nullopt;
            }
            explicitProperties = value.toObject();
            continue;
        }
        const qsizetype column = columns.indexOf(key);
        if (column < 0) {
            patch.properties.insert(key, value);
            continue;
        }
        if (value.isNull()) {
            patch.columns.append({columns.at(column), SqlStatement::nullText()});
            continue;
        }
        const QString text = ParameterReader::identifierText(value);
        if (text.isNull()) {
            *field = key;
            *problem = u"must be a string or a number; got %1"_s.arg(ParameterReader::typeName(value));
            return std::nullopt;
        }
        patch.columns.append({columns.at(column), QVariant(text)});
    }
    for (auto it = explicitProperties.constBegin(); it != explicitProperties.constEnd(); ++it)
        patch.properties.insert(it.key(), it.value());
    return patch;
}

QJsonObject RecordPatch::mergedInto(const QJsonObject &stored) const
{
    QJsonObject merged = stored;
    for (auto it = properties.constBegin(); it != properties.constEnd(); ++it) {
        if (it.value().isNull())
            merged.remove(it.key());
        else
            merged.insert(it.key(), it.value());
    }
    return merged;
}

const QStringList &RecordPatch::userColumns()
{
    static const QStringList list = {u"name"_s, u"email"_s, u"phone_number"_s, u"avatar"_s, u"locale"_s, u"timezone"_s};
    return list;
}

const QStringList &RecordPatch::objectColumns()
{
    static const QStringList list = {u"name"_s};
    return list;
}

} // namespace inlet
