// Resolutions per second of mapping parameter values over a Stripe payload.
// Usage: bench_paths [PAYLOAD.json] [CPU-SECONDS-PER-CASE]
// Rates are per core: resolutions per second of CPU time of this one thread.
#include "mapping/EvalContext.h"
#include "mapping/ValueSpec.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <cstdio>
#include <ctime>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

namespace {

struct Case
{
    QString name;
    QJsonValue spec;
};

QString defaultPayload()
{
    // The bench has no data-dir define of its own: find the test copy next to
    // this source file.
    const QDir benchDir = QFileInfo(QString::fromUtf8(__FILE__)).absoluteDir();
    return benchDir.filePath(u"../tests/data/payloads/stripe/invoice.paid.json"_s);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString payloadPath = args.size() > 1 ? args.at(1) : defaultPayload();
    const double seconds = args.size() > 2 ? args.at(2).toDouble() : 0.5;

    QFile file(payloadPath);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(payloadPath));
        return 1;
    }
    EvalContext context;
    context.body = QJsonDocument::fromJson(file.readAll()).object();
    context.headers.insert(u"stripe-signature"_s, u"t=1735689605,v1=abc"_s);

    // Segment counts include the root ("body.data.object" has 3).
    const QList<Case> cases = {
        {u"3-segment path"_s, u"body.data.object"_s},
        {u"4-segment path"_s, u"body.data.object.customer"_s},
        {u"5-segment path"_s, u"body.data.object.status_transitions.paid_at"_s},
        {u"6-segment path (index)"_s, u"body.data.object.lines.data[0]"_s},
        {u"7-segment path (index)"_s, u"body.data.object.lines.data[0].amount"_s},
        {u"header"_s, u"headers.Stripe-Signature"_s},
        {u"[*] over lines"_s, u"body.data.object.lines.data[*].price.id"_s},
        {u"path + default (missing)"_s, QJsonObject{{u"path"_s, u"body.data.object.nope"_s}, {u"default"_s, 0}}},
        {u"template (2 placeholders)"_s,
         QJsonObject{{u"template"_s, u"Invoice {{body.data.object.number}} for {{body.data.object.customer_name}}"_s}}},
        {u"coalesce (2nd item hits)"_s, QJsonObject{{u"coalesce"_s, QJsonArray{u"body.data.object.customer_phone"_s,
                                                                               u"body.data.object.customer_email"_s}}}},
    };

    QTextStream out(stdout);
    out << u"payload: "_s << QFileInfo(payloadPath).canonicalFilePath() << u"\n\n"_s;
    out << qSetFieldWidth(30) << Qt::left << u"case"_s << qSetFieldWidth(16) << Qt::right << u"resolutions/s"_s
        << u"ns/resolution"_s << qSetFieldWidth(0) << u"\n"_s;
    for (const Case &c : cases) {
        QString error;
        const ValueSpec spec = ValueSpec::parse(c.spec, &error);
        if (!spec.isValid()) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(c.name), qPrintable(error));
            return 1;
        }
        // CPU time rather than wall time: the rate per core stays meaningful
        // on a busy machine. Batches keep the clock out of the measured loop.
        constexpr int batch = 4096;
        qint64 resolutions = 0;
        qint64 present = 0;
        const std::clock_t start = std::clock();
        const std::clock_t budget = std::clock_t(seconds * CLOCKS_PER_SEC);
        while (std::clock() - start < budget) {
            for (int i = 0; i < batch; ++i)
                present += spec.resolve(context).has_value();
            resolutions += batch;
        }
        const double elapsed = double(std::clock() - start) / CLOCKS_PER_SEC * 1e9;
        if (present != resolutions) {
            std::fprintf(stderr, "%s: resolved to missing\n", qPrintable(c.name));
            return 1;
        }
        out << qSetFieldWidth(30) << Qt::left << c.name << qSetFieldWidth(16) << Qt::right
            << QString::number(resolutions / elapsed * 1e9, 'f', 0) << QString::number(elapsed / resolutions, 'f', 1)
            << qSetFieldWidth(0) << u"\n"_s;
    }
    return 0;
}
