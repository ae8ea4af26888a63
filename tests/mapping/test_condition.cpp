#include "mapping/Condition.h"
#include "support/TestPayloads.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;
using inlet::test::json;

class TestCondition : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void holds_data();
    void holds();
    void numbers_data();
    void numbers();
    void errors_data();
    void errors();
    void roundTrip();
    void defaultConstructedNeverHolds();

private:
    EvalContext m_stripe;
};

void TestCondition::initTestCase()
{
    m_stripe = test::stripeContext();
    QVERIFY(m_stripe.body.isObject());
}

void TestCondition::holds_data()
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<bool>("expected");

    QTest::newRow("exists present") << uR"({"path": "body.data.object.customer", "exists": true})"_s << true;
    QTest::newRow("exists missing") << uR"({"path": "body.data.object.nope", "exists": true})"_s << false;
    QTest::newRow("exists null") << uR"({"path": "body.data.object.customer_phone", "exists": true})"_s << true;
    QTest::newRow("not exists missing") << uR"({"path": "body.data.object.nope", "exists": false})"_s << true;
    QTest::newRow("not exists present") << uR"({"path": "body.type", "exists": false})"_s << false;
    QTest::newRow("not exists null") << uR"({"path": "body.request.id", "exists": false})"_s << false;
    QTest::newRow("exists out of range") << uR"({"path": "body.data.object.lines.data[1]", "exists": true})"_s << false;
    QTest::newRow("equals string") << uR"({"path": "body.type", "equals": "invoice.paid"})"_s << true;
    QTest::newRow("equals other string") << uR"({"path": "body.type", "equals": "invoice.created"})"_s << false;
    QTest::newRow("equals is case-sensitive") << uR"({"path": "body.type", "equals": "Invoice.Paid"})"_s << false;
    QTest::newRow("equals number") << uR"({"path": "body.data.object.amount_paid", "equals": 2000})"_s << true;
    QTest::newRow("equals number as double")
        << uR"({"path": "body.data.object.amount_paid", "equals": 2000.0})"_s << true;
    QTest::newRow("equals number exponent") << uR"({"path": "body.data.object.amount_paid", "equals": 2e3})"_s << true;
    QTest::newRow("equals other number") << uR"({"path": "body.data.object.amount_paid", "equals": 2000.5})"_s << false;
    QTest::newRow("number is not its string")
        << uR"({"path": "body.data.object.amount_paid", "equals": "2000"})"_s << false;
    QTest::newRow("equals true") << uR"({"path": "body.data.object.paid", "equals": true})"_s << true;
    QTest::newRow("true is not 1") << uR"({"path": "body.data.object.paid", "equals": 1})"_s << false;
    QTest::newRow("equals null on null") << uR"({"path": "body.data.object.customer_phone", "equals": null})"_s << true;
    QTest::newRow("equals null on missing") << uR"({"path": "body.data.object.nope", "equals": null})"_s << false;
    QTest::newRow("equals object any order")
        << uR"({"path": "body.data.object.automatic_tax", "equals": {"status": null, "enabled": false}})"_s << true;
    QTest::newRow("equals object extra member")
        << uR"({"path": "body.data.object.automatic_tax", "equals": {"status": null, "enabled": false, "x": 1}})"_s
        << false;
    QTest::newRow("equals object other value")
        << uR"({"path": "body.data.object.automatic_tax", "equals": {"status": null, "enabled": true}})"_s << false;
    QTest::newRow("equals wildcard list")
        << uR"({"path": "body.data.object.lines.data[*].amount", "equals": [2000.0]})"_s << true;
    QTest::newRow("equals longer list")
        << uR"({"path": "body.data.object.lines.data[*].amount", "equals": [2000, 1]})"_s << false;
    QTest::newRow("equals empty list") << uR"({"path": "body.data.object.discounts", "equals": []})"_s << true;
    QTest::newRow("header name any case") << uR"({"path": "headers.Svix-Id", "equals": "msg_2Z"})"_s << true;
    QTest::newRow("header value exact") << uR"({"path": "headers.svix-id", "equals": "MSG_2Z"})"_s << false;
    QTest::newRow("preprocess") << uR"({"path": "preprocess.event_type", "equals": "invoice:paid"})"_s << true;
}

void TestCondition::holds()
{
    QFETCH(QString, condition);
    QFETCH(bool, expected);
    QString error;
    const Condition parsed = Condition::parse(json(condition), &error);
    QVERIFY2(parsed.isValid(), qPrintable(error));
    QCOMPARE(parsed.holds(m_stripe), expected);
}

void TestCondition::numbers_data()
{
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("equal");

    QTest::newRow("1 == 1.0") << u"1"_s << u"1.0"_s << true;
    QTest::newRow("1.0 == 1") << u"1.0"_s << u"1"_s << true;
    QTest::newRow("0 == -0.0") << u"0"_s << u"-0.0"_s << true;
    QTest::newRow("0.1 != 0.10000001") << u"0.1"_s << u"0.10000001"_s << false;
    QTest::newRow("0.5 == 5e-1") << u"0.5"_s << u"5e-1"_s << true;
    QTest::newRow("exact 64-bit") << u"9007199254740993"_s << u"9007199254740993"_s << true;
    QTest::newRow("64-bit neighbours differ") << u"9007199254740993"_s << u"9007199254740992"_s << false;
    QTest::newRow("nested 1 == 1.0") << uR"({"a": [1, {"b": 2}]})"_s << uR"({"a": [1.0, {"b": 2.0}]})"_s << true;
}

void TestCondition::numbers()
{
    QFETCH(QString, actual);
    QFETCH(QString, expected);
    QFETCH(bool, equal);
    EvalContext context;
    context.body = QJsonObject{{u"n"_s, json(actual)}};
    const QJsonObject source{{u"path"_s, u"body.n"_s}, {u"equals"_s, json(expected)}};
    const Condition parsed = Condition::parse(source);
    QVERIFY(parsed.isValid());
    QCOMPARE(parsed.holds(context), equal);
}

void TestCondition::errors_data()
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<QString>("message");

    QTest::newRow("string") << u"\"body.a\""_s
                            << u"a condition must be an object like {\"path\": \"...\", \"exists\": true}"_s;
    QTest::newRow("null") << u"null"_s << u"a condition must be an object like {\"path\": \"...\", \"exists\": true}"_s;
    QTest::newRow("no path") << uR"({"exists": true})"_s << u"condition needs a \"path\""_s;
    QTest::newRow("path not a string") << uR"({"path": 1, "exists": true})"_s
                                       << u"condition \"path\" must be a string"_s;
    QTest::newRow("no test") << uR"({"path": "body.a"})"_s << u"condition needs \"exists\" or \"equals\""_s;
    QTest::newRow("both tests") << uR"({"path": "body.a", "exists": true, "equals": 1})"_s
                                << u"condition has both \"exists\" and \"equals\": use one"_s;
    QTest::newRow("exists not bool") << uR"({"path": "body.a", "exists": "yes"})"_s
                                     << u"condition \"exists\" must be true or false"_s;
    QTest::newRow("unknown key") << uR"({"path": "body.a", "exists": true, "op": "x"})"_s
                                 << u"unknown key \"op\" in condition: expected path with exists or equals"_s;
    QTest::newRow("bad path") << uR"({"path": "body.items[", "exists": true})"_s
                              << u"condition path \"body.items[\": unterminated bracket at offset 10"_s;
}

void TestCondition::errors()
{
    QFETCH(QString, condition);
    QFETCH(QString, message);
    const QJsonValue source = json(condition);
    QVERIFY2(!source.isUndefined(), "bad test JSON");
    QString error;
    const Condition parsed = Condition::parse(source, &error);
    QVERIFY(!parsed.isValid());
    QCOMPARE(error, message);
    QVERIFY(!parsed.holds(m_stripe));
}

void TestCondition::roundTrip()
{
    const QJsonValue exists = json(uR"({"path": "headers.Svix-Id", "exists": false})"_s);
    const Condition a = Condition::parse(exists);
    QCOMPARE(a.toJson(), exists);
    QCOMPARE(a.test(), Condition::Test::Exists);
    QCOMPARE(a.path().text(), u"headers.Svix-Id"_s);

    const QJsonValue equals = json(uR"({"path": "body.type", "equals": {"a": [1, null]}})"_s);
    const Condition b = Condition::parse(equals);
    QCOMPARE(b.toJson(), equals);
    QCOMPARE(b.test(), Condition::Test::Equals);
    QCOMPARE(Condition::parse(b.toJson()).toJson(), equals);
}

void TestCondition::defaultConstructedNeverHolds()
{
    const Condition condition;
    QVERIFY(!condition.isValid());
    QVERIFY(!condition.holds(m_stripe));
}

QTEST_GUILESS_MAIN(TestCondition)
#include "test_condition.moc"
