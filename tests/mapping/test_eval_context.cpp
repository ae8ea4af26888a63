#include "mapping/EvalContext.h"
#include "support/TestPayloads.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;
using inlet::test::json;

class TestEvalContext : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toJsonHasFourParts();
    void absentPartsAreLeftOut();
    void nullPartsAreKept();
    void fromJsonLowerCasesHeaders();
    void roundTrip();
};

void TestEvalContext::toJsonHasFourParts()
{
    const EvalContext context = test::stripeContext();
    const QJsonObject document = context.toJson();
    QCOMPARE(document.keys(), (QStringList{u"body"_s, u"headers"_s, u"preprocess"_s, u"query"_s}));
    QCOMPARE(document.value(u"body"_s), context.body);
    QCOMPARE(document.value(u"headers"_s).toObject(), context.headers);
    QCOMPARE(document.value(u"query"_s).toObject(), context.query);
    QCOMPARE(document.value(u"preprocess"_s), context.preprocess);
}

// No preprocess script means no "preprocess" member: paths into it are
// missing, not null.
void TestEvalContext::absentPartsAreLeftOut()
{
    EvalContext context;
    context.body = json(uR"({"a": 1})"_s);
    const QJsonObject document = context.toJson();
    QCOMPARE(document.keys(), (QStringList{u"body"_s, u"headers"_s, u"query"_s}));
    QVERIFY(EvalContext().toJson().value(u"body"_s).isUndefined());
}

void TestEvalContext::nullPartsAreKept()
{
    EvalContext context;
    context.body = QJsonValue(QJsonValue::Null);
    context.preprocess = QJsonValue(QJsonValue::Null);
    const QJsonObject document = context.toJson();
    QVERIFY(document.value(u"body"_s).isNull());
    QVERIFY(document.value(u"preprocess"_s).isNull());
}

void TestEvalContext::fromJsonLowerCasesHeaders()
{
    const EvalContext context = EvalContext::fromJson(
        json(uR"({"body": [1], "headers": {"Svix-Id": "m", "X-A": "b"}, "query": {"Q": "1"}})"_s).toObject());
    QCOMPARE(context.body, json(u"[1]"_s));
    QCOMPARE(context.headers, json(uR"({"svix-id": "m", "x-a": "b"})"_s).toObject());
    QCOMPARE(context.query, json(uR"({"Q": "1"})"_s).toObject()); // query names keep their case
    QVERIFY(context.preprocess.isUndefined());
}

void TestEvalContext::roundTrip()
{
    const EvalContext context = test::stripeContext();
    const EvalContext again = EvalContext::fromJson(context.toJson());
    QCOMPARE(again.toJson(), context.toJson());
}

QTEST_GUILESS_MAIN(TestEvalContext)
#include "test_eval_context.moc"
