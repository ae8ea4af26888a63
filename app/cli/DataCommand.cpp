#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/Table.h"
#include "store/StoreQueries.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace inlet::cli {
namespace {

QString cell(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isNull() || v.isUndefined())
        return {};
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    if (v.isObject())
        return compactJson(v.toObject());
    // An array is written as the one member of an object, then cut out.
    const QString wrapped = compactJson(QJsonObject{{u"_"_s, v}}); // {"_":[...]}
    return wrapped.mid(5, wrapped.size() - 6);
}

struct Kind
{
    QList<QJsonObject> (*list)(const QSqlDatabase &, const QString &, const StoreFilter &, QString *);
    QStringList columns;
};

} // namespace

int runData(CliContext &ctx)
{
    static const QHash<QString, Kind> kinds = {
        {u"users"_s, {&StoreQueries::users, {u"environment"_s, u"id"_s, u"name"_s, u"email"_s, u"updated_at"_s}}},
        {u"objects"_s,
         {&StoreQueries::objects, {u"environment"_s, u"collection"_s, u"id"_s, u"name"_s, u"updated_at"_s}}},
        {u"tenants"_s, {&StoreQueries::tenants, {u"environment"_s, u"id"_s, u"name"_s, u"updated_at"_s}}},
        {u"audiences"_s, {&StoreQueries::audiences, {u"environment"_s, u"key"_s, u"member_count"_s, u"created_at"_s}}},
        {u"runs"_s,
         {&StoreQueries::runs,
          {u"environment"_s, u"id"_s, u"workflow"_s, u"status"_s, u"recipients"_s, u"created_at"_s}}},
        {u"workflows"_s, {&StoreQueries::workflows, {u"environment"_s, u"key"_s}}},
        {u"subscriptions"_s,
         {&StoreQueries::subscriptions,
          {u"environment"_s, u"collection"_s, u"object_id"_s, u"recipient"_s, u"created_at"_s}}},
    };
    if (ctx.args().size() != 1 || !kinds.contains(ctx.args().first()))
        return ctx.usage(u"usage: inletd data users|objects|tenants|audiences|runs|workflows|subscriptions"
                         " [--env ENV] [--search TEXT] [--limit N]"_s);
    QString error;
    if (!ctx.openDatabase(&error))
        return ctx.fail(error);
    StoreFilter filter;
    filter.text = ctx.parser().value(u"search"_s);
    filter.limit = ctx.parser().isSet(u"limit"_s) ? ctx.parser().value(u"limit"_s).toInt() : 100;
    const Kind &kind = kinds.value(ctx.args().first());
    const QList<QJsonObject> rows = kind.list(ctx.db(), ctx.parser().value(u"env"_s), filter, &error);
    if (!error.isEmpty())
        return ctx.fail(error);
    QStringList headers;
    for (const QString &c : kind.columns)
        headers.append(c.toUpper().replace(u'_', u' '));
    Table table(headers);
    for (const QJsonObject &row : rows) {
        QStringList cells;
        for (const QString &c : kind.columns)
            cells.append(cell(row.value(c)));
        table.addRow(cells, row);
    }
    table.print(ctx.out(), ctx.json());
    return Ok;
}

} // namespace inlet::cli
