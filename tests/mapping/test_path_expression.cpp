#include "mapping/PathExpression.h"
#include "support/TestPayloads.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;
using inlet::test::describe;
using inlet::test::json;

class TestPathExpression : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void stripe_data();
    void stripe();
    void segment_data();
    void segment();
    void custom_data();
    void custom();
    void againstDocument_data();
    void againstDocument();
    void missingRootParts();
    void syntaxErrors_data();
    void syntaxErrors();
    void compiledSegments();
    void headerNameFoldedAtCompileTime();
    void invalidExpressionIsMissing();

private:
    EvalContext m_stripe;
};

void TestPathExpression::initTestCase()
{
    m_stripe = test::stripeContext();
    QVERIFY2(m_stripe.body.toObject().contains(u"data"_s), "stripe fixture not loaded");
}

void TestPathExpression::stripe_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected"); // compact JSON or <missing>

    QTest::newRow("event type") << u"body.type"_s << u"\"invoice.paid\""_s;
    QTest::newRow("customer") << u"body.data.object.customer"_s << u"\"cus_NZbFQAsc0ptasX\""_s;
    QTest::newRow("number") << u"body.data.object.amount_paid"_s << u"2000"_s;
    QTest::newRow("bool") << u"body.data.object.paid"_s << u"true"_s;
    QTest::newRow("5 segments") << u"body.data.object.status_transitions.paid_at"_s << u"1735689604"_s;
    QTest::newRow("object value") << u"body.data.object.automatic_tax"_s << u"{\"enabled\":false,\"status\":null}"_s;
    QTest::newRow("empty object") << u"body.data.object.metadata"_s << u"{}"_s;
    QTest::newRow("index") << u"body.data.object.lines.data[0].id"_s << u"\"il_1MoqxHLgUG5tbmjcSubLine01\""_s;
    QTest::newRow("deep after index") << u"body.data.object.lines.data[0].price.recurring.interval"_s << u"\"month\""_s;
    QTest::newRow("index out of range") << u"body.data.object.lines.data[1]"_s << u"<missing>"_s;
    QTest::newRow("past out of range") << u"body.data.object.lines.data[1].id"_s << u"<missing>"_s;
    QTest::newRow("index on object") << u"body.data.object.lines[0]"_s << u"<missing>"_s;
    QTest::newRow("index on string") << u"body.data.object.customer[0]"_s << u"<missing>"_s;
    QTest::newRow("key on array") << u"body.data.object.lines.data.id"_s << u"<missing>"_s;
    QTest::newRow("key on string") << u"body.data.object.customer.id"_s << u"<missing>"_s;
    QTest::newRow("null is present") << u"body.data.object.customer_phone"_s << u"null"_s;
    QTest::newRow("nested null") << u"body.request.id"_s << u"null"_s;
    QTest::newRow("key on null") << u"body.data.object.customer_phone.number"_s << u"<missing>"_s;
    QTest::newRow("absent key") << u"body.data.object.nope"_s << u"<missing>"_s;
    QTest::newRow("keys are case-sensitive") << u"body.Type"_s << u"<missing>"_s;
    QTest::newRow("wildcard") << u"body.data.object.lines.data[*].amount"_s << u"[2000]"_s;
    QTest::newRow("wildcard deep") << u"body.data.object.lines.data[*].price.id"_s
                                   << u"[\"price_1MoS37LgUG5tbmjcCA3GTNX8\"]"_s;
    QTest::newRow("wildcard all missing") << u"body.data.object.lines.data[*].nope"_s << u"[]"_s;
    QTest::newRow("wildcard empty array") << u"body.data.object.discounts[*]"_s << u"[]"_s;
    QTest::newRow("wildcard on object") << u"body.data.object.lines[*].id"_s << u"<missing>"_s;
    QTest::newRow("wildcard on null") << u"body.data.object.discount[*]"_s << u"<missing>"_s;
    QTest::newRow("quoted chain") << u"body[\"data\"]['object'][\"number\"]"_s << u"\"A1B2C3D4-0001\""_s;
    QTest::newRow("header") << u"headers.svix-id"_s << u"\"msg_2Z\""_s;
    QTest::newRow("header mixed case") << u"headers.Svix-Id"_s << u"\"msg_2Z\""_s;
    QTest::newRow("header upper case") << u"headers.SVIX-ID"_s << u"\"msg_2Z\""_s;
    QTest::newRow("header quoted") << u"headers[\"Content-Type\"]"_s << u"\"application/json\""_s;
    QTest::newRow("header single-quoted") << u"headers['STRIPE-SIGNATURE']"_s << u"\"t=1735689605,v1=abc\""_s;
    QTest::newRow("absent header") << u"headers.x-missing"_s << u"<missing>"_s;
    QTest::newRow("query") << u"query.debug"_s << u"\"1\""_s;
    QTest::newRow("query is case-sensitive") << u"query.Debug"_s << u"<missing>"_s;
    QTest::newRow("preprocess") << u"preprocess.event_type"_s << u"\"invoice:paid\""_s;
    QTest::newRow("whole query") << u"query"_s << u"{\"debug\":\"1\"}"_s;
}

void TestPathExpression::stripe()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    QString error;
    const PathExpression expression = PathExpression::compile(path, &error);
    QVERIFY2(expression.isValid(), qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(describe(expression.evaluate(m_stripe)), expected);
}

void TestPathExpression::segment_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");

    QTest::newRow("userId") << u"body.userId"_s << u"\"AiUGstSDIg\""_s;
    QTest::newRow("event") << u"body.event"_s << u"\"Course Clicked\""_s;
    QTest::newRow("property") << u"body.properties.title"_s << u"\"Intro to Analytics\""_s;
    QTest::newRow("context") << u"body.context.page.url"_s << u"\"https://segment.com/academy/\""_s;
    QTest::newRow("empty string is present") << u"body.context.page.referrer"_s << u"\"\""_s;
    QTest::newRow("empty object") << u"body.integrations"_s << u"{}"_s;
    QTest::newRow("no traits in track") << u"body.traits"_s << u"<missing>"_s;
}

void TestPathExpression::segment()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    EvalContext context;
    context.body = test::loadPayload(u"segment/track.json"_s);
    QVERIFY(!context.body.toObject().isEmpty());
    const PathExpression expression = PathExpression::compile(path);
    QVERIFY(expression.isValid());
    QCOMPARE(describe(expression.evaluate(context)), expected);
}

void TestPathExpression::custom_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");

    QTest::newRow("dotted key") << uR"({"a.b": 1})"_s << uR"(body["a.b"])"_s << u"1"_s;
    QTest::newRow("dotted key single quotes") << uR"({"a.b": 1})"_s << uR"(body['a.b'])"_s << u"1"_s;
    QTest::newRow("dotted key unquoted splits") << uR"({"a.b": 1})"_s << u"body.a.b"_s << u"<missing>"_s;
    QTest::newRow("bracket key") << uR"({"x[0]": 2})"_s << uR"(body["x[0]"])"_s << u"2"_s;
    QTest::newRow("escaped double quote") << uR"({"q\"uote": 3})"_s << uR"(body["q\"uote"])"_s << u"3"_s;
    QTest::newRow("double quote in single") << uR"({"q\"uote": 3})"_s << uR"(body['q"uote'])"_s << u"3"_s;
    QTest::newRow("escaped backslash") << uR"({"back\\slash": 4})"_s << uR"(body["back\\slash"])"_s << u"4"_s;
    QTest::newRow("escaped single quote") << uR"({"it's": 5})"_s << uR"(body['it\'s'])"_s << u"5"_s;
    QTest::newRow("single quote in double") << uR"({"it's": 5})"_s << uR"(body["it's"])"_s << u"5"_s;
    QTest::newRow("empty key") << uR"({"": 6})"_s << uR"(body[""])"_s << u"6"_s;
    QTest::newRow("space in key") << uR"({"sp ace": 7})"_s << uR"(body["sp ace"])"_s << u"7"_s;
    QTest::newRow("closing braces in key") << uR"({"a}}b": 8})"_s << uR"(body["a}}b"])"_s << u"8"_s;
    QTest::newRow("quoted then more") << uR"({"a.b": {"c": [10, 20]}})"_s << uR"(body["a.b"].c[1])"_s << u"20"_s;
    QTest::newRow("dollar key") << uR"({"properties": {"$set": {"plan": "pro"}}})"_s << u"body.properties.$set.plan"_s
                                << u"\"pro\""_s;
    QTest::newRow("non-ASCII key") << uR"({"prénom": "Zoé"})"_s << u"body.prénom"_s << u"\"Zoé\""_s;
    QTest::newRow("wildcard leaves out missing, keeps null")
        << uR"({"items": [{"id": 1}, {"name": "x"}, {"id": null}, 5, {"id": 3}]})"_s << u"body.items[*].id"_s
        << u"[1,null,3]"_s;
    QTest::newRow("wildcard at end copies")
        << uR"({"items": [1, "a", null]})"_s << u"body.items[*]"_s << u"[1,\"a\",null]"_s;
    QTest::newRow("nested wildcard nests")
        << uR"({"orders": [{"items": [{"sku": "a"}, {"sku": "b"}]}, {"items": []}, {"none": 1}, {"items": [{"sku": "c"}]}]})"_s
        << u"body.orders[*].items[*].sku"_s << uR"([["a","b"],[],["c"]])"_s;
    QTest::newRow("wildcard then index")
        << uR"({"orders": [{"items": [{"sku": "a"}, {"sku": "b"}]}, {"items": []}, {"items": [{"sku": "c"}]}]})"_s
        << u"body.orders[*].items[0].sku"_s << uR"(["a","c"])"_s;
    QTest::newRow("matrix") << uR"({"m": [[1, 2], [3], 4]})"_s << u"body.m[*][*]"_s << u"[[1,2],[3]]"_s;
    QTest::newRow("matrix column") << uR"({"m": [[1, 2], [3]]})"_s << u"body.m[*][1]"_s << u"[2]"_s;
    QTest::newRow("double index") << uR"({"m": [[1, 2], [3]]})"_s << u"body.m[1][0]"_s << u"3"_s;
    QTest::newRow("wildcard on number") << uR"({"a": 1})"_s << u"body.a[*]"_s << u"<missing>"_s;
    QTest::newRow("array body index") << u"[10, 20]"_s << u"body[1]"_s << u"20"_s;
    QTest::newRow("array body wildcard") << u"[10, 20]"_s << u"body[*]"_s << u"[10,20]"_s;
    QTest::newRow("scalar body") << u"\"text\""_s << u"body"_s << u"\"text\""_s;
    QTest::newRow("null body") << u"null"_s << u"body"_s << u"null"_s;
    QTest::newRow("key in null body") << u"null"_s << u"body.a"_s << u"<missing>"_s;
    QTest::newRow("large index") << uR"({"a": [1]})"_s << u"body.a[2147483647]"_s << u"<missing>"_s;
    QTest::newRow("leading zeros") << uR"({"a": [1, 2]})"_s << u"body.a[01]"_s << u"2"_s;
}

void TestPathExpression::custom()
{
    QFETCH(QString, body);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    EvalContext context;
    context.body = json(body);
    QVERIFY2(!context.body.isUndefined(), "bad test JSON");
    QString error;
    const PathExpression expression = PathExpression::compile(path, &error);
    QVERIFY2(expression.isValid(), qPrintable(error));
    QCOMPARE(describe(expression.evaluate(context)), expected);
}

void TestPathExpression::againstDocument_data()
{
    stripe_data();
}

// Evaluating against EvalContext::toJson() (what the GUI holds for a sample)
// gives the same result as against the context itself.
void TestPathExpression::againstDocument()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const PathExpression expression = PathExpression::compile(path);
    QVERIFY(expression.isValid());
    QCOMPARE(describe(expression.evaluate(QJsonValue(m_stripe.toJson()))), expected);
}

void TestPathExpression::missingRootParts()
{
    EvalContext empty; // no body, no preprocess script
    QCOMPARE(describe(PathExpression::compile(u"body"_s).evaluate(empty)), u"<missing>"_s);
    QCOMPARE(describe(PathExpression::compile(u"preprocess"_s).evaluate(empty)), u"<missing>"_s);
    QCOMPARE(describe(PathExpression::compile(u"preprocess.x"_s).evaluate(empty)), u"<missing>"_s);
    QCOMPARE(describe(PathExpression::compile(u"headers"_s).evaluate(empty)), u"{}"_s);
    QCOMPARE(describe(PathExpression::compile(u"body"_s).evaluate(QJsonValue(empty.toJson()))), u"<missing>"_s);
    // A document that is not an object has no parts at all.
    QCOMPARE(describe(PathExpression::compile(u"body"_s).evaluate(QJsonValue(42))), u"<missing>"_s);
}

void TestPathExpression::syntaxErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");

    const QString roots = u": a path starts with body, headers, query or preprocess"_s;
    QTest::newRow("empty") << QString() << u"empty path"_s;
    QTest::newRow("unknown root") << u"bdy.type"_s << u"unknown root \"bdy\" at offset 0"_s + roots;
    QTest::newRow("roots are case-sensitive") << u"Body.type"_s << u"unknown root \"Body\" at offset 0"_s + roots;
    QTest::newRow("leading dot") << u".body"_s << u"missing root at offset 0"_s + roots;
    QTest::newRow("leading bracket") << u"[0]"_s << u"missing root at offset 0"_s + roots;
    QTest::newRow("double dot") << u"body..type"_s << u"empty key at offset 5"_s;
    QTest::newRow("trailing dot") << u"body."_s << u"empty key at offset 5"_s;
    QTest::newRow("dot before bracket") << u"body.[0]"_s << u"empty key at offset 5"_s;
    QTest::newRow("unterminated bracket") << u"body.items["_s << u"unterminated bracket at offset 10"_s;
    QTest::newRow("unterminated index") << u"body.items[0"_s << u"unterminated bracket at offset 10"_s;
    QTest::newRow("unterminated star") << u"body.items[*"_s << u"unterminated bracket at offset 10"_s;
    QTest::newRow("unterminated after quote") << uR"(body["a")"_s << u"unterminated bracket at offset 4"_s;
    QTest::newRow("unterminated quote") << uR"(body["a)"_s << u"unterminated quote at offset 5"_s;
    QTest::newRow("escaped last quote") << uR"(body['a\'])"_s << u"unterminated quote at offset 5"_s;
    QTest::newRow("backslash at end") << uR"(body["a\)"_s << u"unterminated quote at offset 5"_s;
    QTest::newRow("empty brackets") << u"body.items[]"_s << u"empty brackets at offset 10"_s;
    QTest::newRow("negative index") << u"body.items[-1]"_s << u"negative index at offset 11: indices count from 0"_s;
    const QString badIndex = u": expected a number, * or a quoted key like [\"name\"]"_s;
    QTest::newRow("word index") << u"body.items[x]"_s << u"bad index at offset 11"_s + badIndex;
    QTest::newRow("fraction index") << u"body.items[1.5]"_s << u"bad index at offset 11"_s + badIndex;
    QTest::newRow("index with suffix") << u"body.items[0x]"_s << u"bad index at offset 11"_s + badIndex;
    QTest::newRow("index with space") << u"body.items[ 0]"_s << u"bad index at offset 11"_s + badIndex;
    QTest::newRow("index too large") << u"body.items[99999999999]"_s << u"index too large at offset 11"_s;
    QTest::newRow("star with suffix") << u"body.items[*x]"_s << u"expected ']' at offset 12"_s;
    QTest::newRow("quote with suffix") << uR"(body["a"x])"_s << u"expected ']' at offset 8"_s;
    QTest::newRow("text after bracket") << u"body.items[0]id"_s << u"expected '.' or '[' at offset 13"_s;
    QTest::newRow("bad escape") << uR"(body["a\n"])"_s
                                << uR"(bad escape at offset 7: only \\, \" and \' are allowed in quoted keys)"_s;
    QTest::newRow("space") << u"body.first name"_s
                           << u"unexpected space at offset 10: keys containing it must be quoted, like [\"...\"]"_s;
    QTest::newRow("tab") << u"body.a\tb"_s
                         << u"unexpected U+0009 at offset 6: keys containing it must be quoted, like [\"...\"]"_s;
    QTest::newRow("star as key") << u"body.items.*.id"_s
                                 << u"unexpected '*' at offset 11: use [*] to map over an array"_s;
    QTest::newRow("stray closing bracket") << u"body.items]"_s << u"unexpected ']' at offset 10"_s;
    QTest::newRow("quote outside brackets")
        << uR"(body."a")"_s << u"unexpected '\"' at offset 5: quoted keys go in brackets, like [\"...\"]"_s;
    QTest::newRow("backslash in bare key")
        << uR"(body.a\b)"_s << u"unexpected '\\' at offset 6: keys containing it must be quoted, like [\"...\"]"_s;
}

void TestPathExpression::syntaxErrors()
{
    QFETCH(QString, path);
    QFETCH(QString, message);
    QString error = u"stale"_s;
    const PathExpression expression = PathExpression::compile(path, &error);
    QVERIFY(!expression.isValid());
    QCOMPARE(error, message);
    QCOMPARE(expression.text(), path);
    QVERIFY(!expression.evaluate(m_stripe).has_value());
}

void TestPathExpression::compiledSegments()
{
    const PathExpression expression = PathExpression::compile(uR"(body.items[2][*]["a.b"].c)"_s);
    QVERIFY(expression.isValid());
    QCOMPARE(expression.root(), PathRoot::Body);
    QVERIFY(expression.hasWildcard());
    using Kind = PathSegment::Kind;
    const std::vector<PathSegment> expected = {
        {Kind::Key, 0, u"items"_s}, {Kind::Index, 2, {}},   {Kind::Wildcard, 0, {}},
        {Kind::Key, 0, u"a.b"_s},   {Kind::Key, 0, u"c"_s},
    };
    QVERIFY(expression.segments() == expected);
    QCOMPARE(expression.text(), uR"(body.items[2][*]["a.b"].c)"_s);
    QVERIFY(!PathExpression::compile(u"body.a"_s).hasWildcard());
}

void TestPathExpression::headerNameFoldedAtCompileTime()
{
    const PathExpression expression = PathExpression::compile(u"headers.X-Request-Id.Part"_s);
    QVERIFY(expression.isValid());
    QCOMPARE(expression.root(), PathRoot::Headers);
    QCOMPARE(expression.segments().at(0).key, u"x-request-id"_s);
    QCOMPARE(expression.segments().at(1).key, u"Part"_s); // only the header name is folded
    QCOMPARE(expression.text(), u"headers.X-Request-Id.Part"_s);
}

void TestPathExpression::invalidExpressionIsMissing()
{
    const PathExpression expression;
    QVERIFY(!expression.isValid());
    QVERIFY(!expression.evaluate(m_stripe).has_value());
    QVERIFY(!expression.evaluate(QJsonValue(m_stripe.toJson())).has_value());
}

QTEST_GUILESS_MAIN(TestPathExpression)
#include "test_path_expression.moc"
