#include "models/log/LogExporter.h"

#include "logs/EventLog.h"
#include "models/db/SqlWorker.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

const QStringList kEventCsv = {u"id"_s,
                               u"received_at"_s,
                               u"environment"_s,
                               u"source"_s,
                               u"origin"_s,
                               u"event_type"_s,
                               u"status"_s,
                               u"status_detail"_s,
                               u"verification_status"_s,
                               u"verification_reason"_s,
                               u"idempotency_key"_s,
                               u"processing_ms"_s,
                               u"body"_s};
const QStringList kActionCsv = {u"id"_s,     u"event_id"_s,      u"executed_at"_s, u"environment"_s,
                                u"source"_s, u"event_type"_s,    u"action_type"_s, u"status"_s,
                                u"error"_s,  u"action_payload"_s};

QString cell(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isNull() || v.isUndefined())
        return {};
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return v.toVariant().toString();
}

} // namespace

LogExporter::LogExporter(SqlWorker *worker, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
{}

QString LogExporter::csvField(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') && !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u"\""_s + quoted + u"\""_s;
}

void LogExporter::cancel()
{
    m_cancel->store(true);
}

void LogExporter::start(Kind kind, LogFilter filter, Format format, const QString &path)
{
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancelled = m_cancel;
    QPointer<LogExporter> self(this);
    SqlWorker *worker = m_worker;
    struct Result
    {
        bool ok = false;
        qint64 rows = 0;
        QString error;
    };
    m_worker->run<Result>(
        this,
        [=](QSqlDatabase &db) {
            Result r;
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
                r.error = file.errorString();
                return r;
            }
            const QStringList &columns = kind == Kind::Events ? kEventCsv : kActionCsv;
            if (format == Format::Csv)
                file.write(columns.join(u',').toUtf8() + "\n");
            EventLog log(db);
            LogFilter f = filter;
            f.limit = 500;
            f.beforeSeq = 0;
            while (!cancelled->load()) {
                QList<QJsonObject> rows;
                qint64 lastSeq = 0;
                if (kind == Kind::Events) {
                    const QList<EventRecord> page = log.events(f, true, &r.error);
                    for (const EventRecord &e : page) {
                        rows.append(e.toJson(true));
                        lastSeq = e.seq;
                    }
                } else {
                    const QList<ActionRecord> page = log.actions(f, &r.error);
                    for (const ActionRecord &a : page) {
                        rows.append(a.toJson());
                        lastSeq = a.seq;
                    }
                }
                if (!r.error.isEmpty())
                    return r;
                for (const QJsonObject &o : std::as_const(rows)) {
                    if (format == Format::Ndjson) {
                        file.write(QJsonDocument(o).toJson(QJsonDocument::Compact) + "\n");
                    } else {
                        QStringList cells;
                        for (const QString &c : columns)
                            cells.append(csvField(cell(o.value(c))));
                        file.write(cells.join(u',').toUtf8() + "\n");
                    }
                }
                r.rows += rows.size();
                const qint64 done = r.rows;
                QMetaObject::invokeMethod(
                    worker,
                    [self, done] {
                        if (self)
                            Q_EMIT self->progress(done);
                    },
                    Qt::QueuedConnection);
                if (rows.size() < f.limit)
                    break;
                f.beforeSeq = lastSeq;
            }
            r.ok = !cancelled->load();
            if (!r.ok)
                r.error = u"cancelled"_s;
            return r;
        },
        [this](Result r) { Q_EMIT finished(r.ok, r.rows, r.error); });
}

} // namespace inlet
