#include "support/TestPayloads.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace inlet::test {

QJsonObject loadPayload(const QString &relative)
{
    QFile file(QStringLiteral(INLET_TEST_DATA_DIR) + u"/payloads/"_s + relative);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

EvalContext stripeContext()
{
    EvalContext context;
    context.body = loadPayload(u"stripe/invoice.paid.json"_s);
    context.headers = QJsonObject{{u"content-type"_s, u"application/json"_s},
                                  {u"stripe-signature"_s, u"t=1735689605,v1=abc"_s},
                                  {u"svix-id"_s, u"msg_2Z"_s}};
    context.query = QJsonObject{{u"debug"_s, u"1"_s}};
    context.preprocess = QJsonObject{{u"event_type"_s, u"invoice:paid"_s}};
    return context;
}

QJsonValue json(const QString &text)
{
    // Wrapping in an array lets QJsonDocument parse scalars too.
    const QJsonDocument document = QJsonDocument::fromJson((u"["_s + text + u"]"_s).toUtf8());
    const QJsonArray array = document.array();
    return array.size() == 1 ? array.at(0) : QJsonValue(QJsonValue::Undefined);
}

QString describe(const std::optional<QJsonValue> &value)
{
    if (!value)
        return u"<missing>"_s;
    return QString::fromUtf8(QJsonDocument(QJsonArray{*value}).toJson(QJsonDocument::Compact)).sliced(1).chopped(1);
}

} // namespace inlet::test
