#include "mapping/ValueSpec.h"
#include "support/TestPayloads.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;
using inlet::test::describe;
using inlet::test::json;

Q_DECLARE_METATYPE(inlet::ValueSpec::Kind)

class TestValueSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void kinds_data();
    void kinds();
    void roundTrip_data();
    void roundTrip();
    void errors_data();
    void errors();
    void resolve_data();
    void resolve();
    void stripeInvoice_data();
    void stripeInvoice();
    void referencedPaths_data();
    void referencedPaths();
    void defaultConstructedIsInvalid();

private:
    EvalContext m_context;
};

void TestValueSpec::initTestCase()
{
    m_context.body = json(uR"({"userId": null, "anonymousId": "anon-1", "name": "Ada", "amount": 2000,
                               "ratio": 0.25, "negative": -3, "big": 9007199254740993, "flag": true,
                               "obj": {"b": 1, "a": [1, "x"]}, "empty": "", "quote": "say \"hi\"",
                               "a}}b": "brace"})"_s);
    QVERIFY(m_context.body.isObject());
    m_context.headers = QJsonObject{{u"x-id"_s, u"h1"_s}};
}

void TestValueSpec::kinds_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<ValueSpec::Kind>("kind");

    QTest::newRow("path string") << u"\"body.a\""_s << ValueSpec::Kind::Path;
    QTest::newRow("path object") << uR"({"path": "body.a"})"_s << ValueSpec::Kind::Path;
    QTest::newRow("path with default") << uR"({"path": "body.a", "default": 0})"_s << ValueSpec::Kind::Path;
    QTest::newRow("literal") << uR"({"value": "invoice-paid"})"_s << ValueSpec::Kind::Literal;
    QTest::newRow("null literal") << uR"({"value": null})"_s << ValueSpec::Kind::Literal;
    QTest::newRow("template") << uR"({"template": "Invoice {{body.n}}"})"_s << ValueSpec::Kind::Template;
    QTest::newRow("coalesce") << uR"({"coalesce": ["body.a", {"value": 1}]})"_s << ValueSpec::Kind::Coalesce;
}

void TestValueSpec::kinds()
{
    QFETCH(QString, spec);
    QFETCH(ValueSpec::Kind, kind);
    QString error = u"stale"_s;
    const ValueSpec parsed = ValueSpec::parse(json(spec), &error);
    QVERIFY2(parsed.isValid(), qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(parsed.kind(), kind);
}

void TestValueSpec::roundTrip_data()
{
    QTest::addColumn<QString>("spec");

    QTest::newRow("path string") << u"\"headers.Svix-Id\""_s;
    QTest::newRow("path object") << uR"({"path": "body.a"})"_s;
    QTest::newRow("path with null default") << uR"({"path": "body.a", "default": null})"_s;
    QTest::newRow("path with object default") << uR"({"path": "body.a", "default": {"x": [1, 2.5]}})"_s;
    QTest::newRow("literal object") << uR"({"value": {"k": [true, null]}})"_s;
    QTest::newRow("literal string that looks like a path") << uR"({"value": "body.a"})"_s;
    QTest::newRow("template") << uR"j({"template": "Invoice {{ body.number }} ({{body.id}})"})j"_s;
    QTest::newRow("nested coalesce")
        << uR"({"coalesce": ["body.a", {"coalesce": [{"template": "{{body.b}}"}]}, {"value": 0}]})"_s;
}

// toJson() gives back exactly the configuration form, so exporting a
// configuration does not rewrite what the user wrote.
void TestValueSpec::roundTrip()
{
    QFETCH(QString, spec);
    const QJsonValue source = json(spec);
    const ValueSpec parsed = ValueSpec::parse(source);
    QVERIFY(parsed.isValid());
    QCOMPARE(parsed.toJson(), source);
    const ValueSpec again = ValueSpec::parse(parsed.toJson());
    QCOMPARE(again.kind(), parsed.kind());
    QCOMPARE(describe(again.resolve(m_context)), describe(parsed.resolve(m_context)));
}

void TestValueSpec::errors_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message");

    const QString notAValue = u"a parameter value must be a path string or an object with path, value, template or "
                              u"coalesce, not "_s;
    const QString unknown = u": expected path (with optional default), value, template or coalesce"_s;
    const QString roots = u": a path starts with body, headers, query or preprocess"_s;
    QTest::newRow("number") << u"42"_s << notAValue + u"a number"_s;
    QTest::newRow("null") << u"null"_s << notAValue + u"null"_s;
    QTest::newRow("boolean") << u"true"_s << notAValue + u"a boolean"_s;
    QTest::newRow("array") << uR"(["body.a"])"_s << notAValue + u"an array"_s;
    QTest::newRow("bad path") << u"\"body..x\""_s << u"path \"body..x\": empty key at offset 5"_s;
    QTest::newRow("bad root") << u"\"data.object\""_s
                              << u"path \"data.object\": unknown root \"data\" at offset 0"_s + roots;
    QTest::newRow("empty path") << u"\"\""_s << u"path \"\": empty path"_s;
    QTest::newRow("empty object") << u"{}"_s << u"empty object: expected path, value, template or coalesce"_s;
    QTest::newRow("unknown key") << uR"({"pth": "body.x"})"_s << u"unknown key \"pth\""_s + unknown;
    QTest::newRow("typo beside path") << uR"({"path": "body.x", "defualt": 1})"_s
                                      << u"unknown key \"defualt\""_s + unknown;
    QTest::newRow("default alone") << uR"({"default": 1})"_s << u"\"default\" needs a \"path\""_s;
    QTest::newRow("path and value") << uR"({"path": "body.a", "value": 1})"_s
                                    << u"conflicting keys \"path\" and \"value\": use only one of path, value, "
                                       u"template, coalesce"_s;
    QTest::newRow("template and coalesce") << uR"({"template": "x", "coalesce": ["body.a"]})"_s
                                           << u"conflicting keys \"coalesce\" and \"template\": use only one of path, "
                                              u"value, template, coalesce"_s;
    QTest::newRow("default with value") << uR"({"value": 1, "default": 2})"_s
                                        << u"\"default\" is only allowed with \"path\", not with \"value\""_s;
    QTest::newRow("path not a string") << uR"({"path": 5})"_s << u"\"path\" must be a string, not a number"_s;
    QTest::newRow("path object bad path")
        << uR"({"path": "body.x[-1]"})"_s << u"path \"body.x[-1]\": negative index at offset 7: indices count from 0"_s;
    QTest::newRow("template not a string")
        << uR"({"template": ["a"]})"_s << u"\"template\" must be a string, not an array"_s;
    QTest::newRow("unterminated placeholder")
        << uR"({"template": "Hi {{body.name"})"_s << u"template: unterminated placeholder at offset 3: missing }}"_s;
    QTest::newRow("unterminated quoted placeholder")
        << uR"({"template": "Hi {{body[\"a}}"})"_s << u"template: unterminated placeholder at offset 3: missing }}"_s;
    QTest::newRow("empty placeholder") << uR"({"template": "Hi {{ }}"})"_s
                                       << u"template: empty placeholder at offset 3"_s;
    QTest::newRow("bad placeholder path") << uR"({"template": "Hi {{body..x}}"})"_s
                                          << u"template: placeholder {{body..x}} at offset 3: empty key at offset 5"_s;
    QTest::newRow("coalesce not an array")
        << uR"({"coalesce": "body.a"})"_s << u"\"coalesce\" must be an array, not a string"_s;
    QTest::newRow("empty coalesce") << uR"({"coalesce": []})"_s << u"\"coalesce\" needs at least one item"_s;
    QTest::newRow("coalesce number item")
        << uR"({"coalesce": ["body.a", 5]})"_s
        << u"coalesce[1]: an item must be a path string or a value object, not a number"_s;
    QTest::newRow("coalesce bad path") << uR"({"coalesce": ["body.a", "bdy"]})"_s
                                       << u"coalesce[1]: path \"bdy\": unknown root \"bdy\" at offset 0"_s + roots;
    QTest::newRow("nested coalesce error") << uR"({"coalesce": [{"coalesce": [{"nope": 1}]}]})"_s
                                           << u"coalesce[0]: coalesce[0]: unknown key \"nope\""_s + unknown;
}

void TestValueSpec::errors()
{
    QFETCH(QString, spec);
    QFETCH(QString, message);
    const QJsonValue source = json(spec);
    QVERIFY2(!source.isUndefined(), "bad test JSON");
    QString error;
    const ValueSpec parsed = ValueSpec::parse(source, &error);
    QVERIFY(!parsed.isValid());
    QCOMPARE(parsed.kind(), ValueSpec::Kind::Invalid);
    QCOMPARE(error, message);
    QVERIFY(!parsed.resolve(m_context).has_value());
}

void TestValueSpec::resolve_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("expected"); // compact JSON or <missing>

    // Paths and defaults: the default stands in for missing only.
    QTest::newRow("path") << u"\"body.name\""_s << u"\"Ada\""_s;
    QTest::newRow("missing path") << u"\"body.nope\""_s << u"<missing>"_s;
    QTest::newRow("null path") << u"\"body.userId\""_s << u"null"_s;
    QTest::newRow("path object") << uR"({"path": "body.name"})"_s << u"\"Ada\""_s;
    QTest::newRow("default when missing") << uR"({"path": "body.nope", "default": "n/a"})"_s << u"\"n/a\""_s;
    QTest::newRow("default not for null") << uR"({"path": "body.userId", "default": "n/a"})"_s << u"null"_s;
    QTest::newRow("default not when present") << uR"({"path": "body.name", "default": "n/a"})"_s << u"\"Ada\""_s;
    QTest::newRow("null default") << uR"({"path": "body.nope", "default": null})"_s << u"null"_s;
    QTest::newRow("object default") << uR"({"path": "body.nope", "default": {"a": [1]}})"_s << uR"({"a":[1]})"_s;
    QTest::newRow("header") << u"\"headers.X-ID\""_s << u"\"h1\""_s;

    // Literals are never evaluated.
    QTest::newRow("literal") << uR"({"value": "invoice-paid"})"_s << u"\"invoice-paid\""_s;
    QTest::newRow("literal null") << uR"({"value": null})"_s << u"null"_s;
    QTest::newRow("literal object") << uR"({"value": {"k": [1, 2]}})"_s << uR"({"k":[1,2]})"_s;
    QTest::newRow("literal path-like string") << uR"({"value": "body.name"})"_s << u"\"body.name\""_s;

    // Templates always give a string, unless every placeholder is missing.
    QTest::newRow("template") << uR"({"template": "Hi {{body.name}}!"})"_s << u"\"Hi Ada!\""_s;
    QTest::newRow("template spaces") << uR"({"template": "{{ body.name }}"})"_s << u"\"Ada\""_s;
    QTest::newRow("template integer") << uR"({"template": "Amount: {{body.amount}}"})"_s << u"\"Amount: 2000\""_s;
    QTest::newRow("template fraction") << uR"({"template": "{{body.ratio}}"})"_s << u"\"0.25\""_s;
    QTest::newRow("template negative") << uR"({"template": "{{body.negative}}"})"_s << u"\"-3\""_s;
    QTest::newRow("template big integer") << uR"({"template": "{{body.big}}"})"_s << u"\"9007199254740993\""_s;
    QTest::newRow("template bool") << uR"({"template": "{{body.flag}}"})"_s << u"\"true\""_s;
    QTest::newRow("template object") << uR"({"template": "obj={{body.obj}}"})"_s
                                     << uR"("obj={\"a\":[1,\"x\"],\"b\":1}")"_s;
    QTest::newRow("template array") << uR"({"template": "{{body.obj.a}}"})"_s << uR"("[1,\"x\"]")"_s;
    QTest::newRow("template string raw") << uR"({"template": "<{{body.quote}}>"})"_s << uR"("<say \"hi\">")"_s;
    QTest::newRow("template null is empty") << uR"({"template": "[{{body.userId}}]"})"_s << u"\"[]\""_s;
    QTest::newRow("template only null") << uR"({"template": "{{body.userId}}"})"_s << u"\"\""_s;
    QTest::newRow("template empty string") << uR"({"template": "[{{body.empty}}]"})"_s << u"\"[]\""_s;
    QTest::newRow("template some missing") << uR"({"template": "{{body.name}}/{{body.nope}}"})"_s << u"\"Ada/\""_s;
    QTest::newRow("template all missing") << uR"({"template": "{{body.nope}} {{body.nada}}"})"_s << u"<missing>"_s;
    QTest::newRow("template no placeholder") << uR"({"template": "plain"})"_s << u"\"plain\""_s;
    QTest::newRow("template empty") << uR"({"template": ""})"_s << u"\"\""_s;
    QTest::newRow("template lone braces") << uR"({"template": "{ {body.name} }}"})"_s << uR"("{ {body.name} }}")"_s;
    QTest::newRow("template quoted braces") << uR"({"template": "<{{body[\"a}}b\"]}}>"})"_s << u"\"<brace>\""_s;
    QTest::newRow("template header") << uR"({"template": "id={{headers.X-Id}}"})"_s << u"\"id=h1\""_s;
    QTest::newRow("template adjacent") << uR"({"template": "{{body.name}}{{body.amount}}"})"_s << u"\"Ada2000\""_s;

    // Coalesce: first present, non-null item.
    QTest::newRow("coalesce skips null") << uR"({"coalesce": ["body.userId", "body.anonymousId"]})"_s
                                         << u"\"anon-1\""_s;
    QTest::newRow("coalesce skips missing") << uR"({"coalesce": ["body.nope", "body.name"]})"_s << u"\"Ada\""_s;
    QTest::newRow("coalesce first wins") << uR"({"coalesce": ["body.name", "body.anonymousId"]})"_s << u"\"Ada\""_s;
    QTest::newRow("coalesce null and missing") << uR"({"coalesce": ["body.nope", "body.userId"]})"_s << u"null"_s;
    QTest::newRow("coalesce all missing") << uR"({"coalesce": ["body.nope", "body.nada"]})"_s << u"<missing>"_s;
    QTest::newRow("coalesce literal fallback")
        << uR"({"coalesce": ["body.userId", {"value": "fallback"}]})"_s << u"\"fallback\""_s;
    QTest::newRow("coalesce nested kinds")
        << uR"({"coalesce": [{"template": "{{body.nope}}"}, {"path": "body.nope", "default": 7}]})"_s << u"7"_s;
    QTest::newRow("coalesce empty string counts") << uR"({"coalesce": ["body.empty", "body.name"]})"_s << u"\"\""_s;
    QTest::newRow("coalesce false counts") << uR"({"coalesce": [{"value": false}, "body.name"]})"_s << u"false"_s;
    QTest::newRow("coalesce nested coalesce")
        << uR"({"coalesce": [{"coalesce": ["body.nope"]}, "body.amount"]})"_s << u"2000"_s;
}

void TestValueSpec::resolve()
{
    QFETCH(QString, spec);
    QFETCH(QString, expected);
    const QJsonValue source = json(spec);
    QVERIFY2(!source.isUndefined(), "bad test JSON");
    QString error;
    const ValueSpec parsed = ValueSpec::parse(source, &error);
    QVERIFY2(parsed.isValid(), qPrintable(error));
    QCOMPARE(describe(parsed.resolve(m_context)), expected);
}

void TestValueSpec::stripeInvoice_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("expected");

    QTest::newRow("recipients") << u"\"body.data.object.customer\""_s << u"\"cus_NZbFQAsc0ptasX\""_s;
    QTest::newRow("title") << uR"({"template": "Invoice {{body.data.object.number}}"})"_s
                           << u"\"Invoice A1B2C3D4-0001\""_s;
    QTest::newRow("amount text")
        << uR"({"template": "{{body.data.object.amount_paid}} {{body.data.object.currency}}"})"_s << u"\"2000 usd\""_s;
    QTest::newRow("phone or email")
        << uR"({"coalesce": ["body.data.object.customer_phone", "body.data.object.customer_email"]})"_s
        << u"\"jenny.rosen@example.com\""_s;
    QTest::newRow("price ids") << u"\"body.data.object.lines.data[*].price.id\""_s
                               << u"[\"price_1MoS37LgUG5tbmjcCA3GTNX8\"]"_s;
    QTest::newRow("tenant default") << uR"({"path": "body.data.object.metadata.tenant", "default": "default"})"_s
                                    << u"\"default\""_s;
}

void TestValueSpec::stripeInvoice()
{
    QFETCH(QString, spec);
    QFETCH(QString, expected);
    const ValueSpec parsed = ValueSpec::parse(json(spec));
    QVERIFY(parsed.isValid());
    QCOMPARE(describe(parsed.resolve(test::stripeContext())), expected);
}

void TestValueSpec::referencedPaths_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("paths");

    QTest::newRow("path") << u"\"body.a\""_s << QStringList{u"body.a"_s};
    QTest::newRow("path with default") << uR"({"path": "headers.X", "default": 1})"_s << QStringList{u"headers.X"_s};
    QTest::newRow("literal") << uR"({"value": "body.a"})"_s << QStringList();
    QTest::newRow("template") << uR"({"template": "{{ body.a }} {{headers.X}} {{body.a}}"})"_s
                              << QStringList{u"body.a"_s, u"headers.X"_s};
    QTest::newRow("coalesce")
        << uR"({"coalesce": ["body.a", {"template": "{{body.b}}"}, {"path": "body.a", "default": 0}, {"value": 1}]})"_s
        << QStringList{u"body.a"_s, u"body.b"_s};
}

void TestValueSpec::referencedPaths()
{
    QFETCH(QString, spec);
    QFETCH(QStringList, paths);
    const ValueSpec parsed = ValueSpec::parse(json(spec));
    QVERIFY(parsed.isValid());
    QCOMPARE(parsed.referencedPaths(), paths);
}

void TestValueSpec::defaultConstructedIsInvalid()
{
    const ValueSpec spec;
    QVERIFY(!spec.isValid());
    QCOMPARE(spec.kind(), ValueSpec::Kind::Invalid);
    QVERIFY(!spec.resolve(m_context).has_value());
    QVERIFY(spec.referencedPaths().isEmpty());
}

QTEST_GUILESS_MAIN(TestValueSpec)
#include "test_value_spec.moc"
