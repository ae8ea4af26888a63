// The built-in provider templates (resources/templates/*.json): they load
// without errors, carry the scheme and paths of SPEC section 7, their example
// payloads yield the expected event types (running the preprocess script
// where the event type comes from one), and every default mapping resolves
// against the template's own examples.
#include "config/MappingConfig.h"
#include "config/TemplateRegistry.h"
#include "mapping/EvalContext.h"
#include "mapping/PathExpression.h"

#include <QJSEngine>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

namespace {

const QString kMissing = u"<missing>"_s;

// What the preprocess script returns for `body`, as the script engine will
// call it: main(ctx) with ctx = {vars, body, rawBody, headers, query}.
QJsonValue runScript(const QString &source, const QJsonObject &body, QString *error)
{
    QJSEngine engine;
    const QJSValue evaluated = engine.evaluate(source);
    const QJSValue main = engine.globalObject().property(u"main"_s);
    if (evaluated.isError() || !main.isCallable()) {
        *error = evaluated.isError() ? evaluated.toString() : u"no function main"_s;
        return {};
    }
    QJSValue ctx = engine.newObject();
    ctx.setProperty(u"vars"_s, engine.toScriptValue(QVariantMap()));
    ctx.setProperty(u"body"_s, engine.toScriptValue(body.toVariantMap()));
    ctx.setProperty(u"rawBody"_s, QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)));
    ctx.setProperty(u"headers"_s, engine.toScriptValue(QVariantMap()));
    ctx.setProperty(u"query"_s, engine.toScriptValue(QVariantMap()));
    const QJSValue result = main.call({ctx});
    if (result.isError()) {
        *error = result.toString();
        return {};
    }
    return QJsonValue::fromVariant(result.toVariant());
}

EvalContext contextFor(const Template &t, const QJsonObject &example, QString *error)
{
    EvalContext ctx;
    ctx.body = example.value(u"body"_s);
    const QJsonObject headers = example.value(u"headers"_s).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        ctx.headers.insert(it.key().toLower(), it.value());
    if (!t.settings.preprocessScript.isEmpty())
        ctx.preprocess = runScript(t.settings.preprocessScript, ctx.body.toObject(), error);
    return ctx;
}

QString eventTypeOf(const Template &t, const EvalContext &ctx)
{
    const auto v = PathExpression::compile(t.settings.eventTypePath).evaluate(ctx);
    return v && v->isString() ? v->toString() : kMissing;
}

// The parameters of `m` that do not resolve against `ctx` (a preprocess path
// cannot be checked before the script engine runs it).
QStringList unresolved(const MappingConfig &m, const EvalContext &ctx)
{
    QStringList out;
    for (const auto &[name, value] : m.values) {
        bool fromScript = false;
        for (const QString &p : value.referencedPaths())
            fromScript |= p.startsWith(u"preprocess."_s);
        if (!fromScript && !value.resolve(ctx))
            out.append(name);
    }
    return out;
}

} // namespace

class TestTemplates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsWithoutErrors();
    void templates_data();
    void templates();
    void exampleEventTypes_data();
    void exampleEventTypes();
    void defaultMappings_data();
    void defaultMappings();
    void triggersArePlaceholders();
};

void TestTemplates::loadsWithoutErrors()
{
    const TemplateRegistry &r = TemplateRegistry::instance();
    QVERIFY2(r.errors().isEmpty(), qPrintable(r.errors().join(u"\n"_s)));
    QCOMPARE(r.all().size(), 15);
    QCOMPARE(r.all().constLast().key, u"custom"_s); // the gallery shows it last
}

void TestTemplates::templates_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<bool>("enforced");
    QTest::addColumn<QString>("eventTypePath");
    QTest::addColumn<QString>("idempotencyKeyPath");
    QTest::addColumn<QString>("authentication");
    QTest::addColumn<int>("mappings");

    QTest::newRow("stripe") << u"stripe"_s << u"stripe"_s << true << u"body.type"_s << u"body.id"_s << u"token"_s << 3;
    QTest::newRow("clerk") << u"clerk"_s << u"svix"_s << true << u"body.type"_s << u"headers.svix-id"_s << u"token"_s
                           << 5;
    QTest::newRow("workos") << u"workos"_s << u"workos"_s << true << u"body.event"_s << u"body.id"_s << u"token"_s << 3;
    QTest::newRow("supabase") << u"supabase"_s << u"shared_header"_s << true << u"preprocess.event_type"_s << QString()
                              << u"token"_s << 2;
    QTest::newRow("posthog") << u"posthog"_s << u"none"_s << false << u"body.event"_s << u"body.messageId"_s
                             << u"token"_s << 2;
    QTest::newRow("posthog_webhook") << u"posthog_webhook"_s << u"none"_s << false << u"body.event.event"_s
                                     << u"body.event.uuid"_s << u"token"_s << 2;
    QTest::newRow("posthog_capture") << u"posthog_capture"_s << u"none"_s << false << u"body.event"_s << u"body.uuid"_s
                                     << u"write_key"_s << 2;
    QTest::newRow("segment") << u"segment"_s << u"segment"_s << true << u"preprocess.event_type"_s
                             << u"body.messageId"_s << u"write_key"_s << 1;
    for (const QString &key : {u"rudderstack"_s, u"freshpaint"_s, u"jitsu"_s})
        QTest::newRow(qPrintable(key)) << key << u"shared_header"_s << true << u"preprocess.event_type"_s
                                       << u"body.messageId"_s << u"write_key"_s << 1;
    for (const QString &key : {u"hightouch"_s, u"census"_s, u"polytomic"_s})
        QTest::newRow(qPrintable(key)) << key << u"none"_s << false << u"body.operation"_s << QString() << u"api_key"_s
                                       << 0;
    QTest::newRow("custom") << u"custom"_s << u"shared_header"_s << true << u"body.type"_s << QString() << u"token"_s
                            << 0;
}

void TestTemplates::templates()
{
    QFETCH(QString, key);
    QFETCH(QString, scheme);
    QFETCH(bool, enforced);
    QFETCH(QString, eventTypePath);
    QFETCH(QString, idempotencyKeyPath);
    QFETCH(QString, authentication);
    QFETCH(int, mappings);
    const Template *t = TemplateRegistry::instance().find(key);
    QVERIFY2(t, qPrintable(key));
    QCOMPARE(t->settings.verification.scheme, scheme);
    QCOMPARE(t->settings.enforceVerification, enforced);
    QCOMPARE(t->settings.eventTypePath, eventTypePath);
    QCOMPARE(t->settings.idempotencyKeyPath, idempotencyKeyPath);
    QCOMPARE(t->authentication, authentication);
    QCOMPARE(t->defaultMappings.size(), mappings);
    QVERIFY(!t->name.isEmpty() && !t->category.isEmpty() && !t->description.isEmpty());
    QVERIFY(!t->examples.isEmpty());
    // A preprocess path needs the script that produces it, and only then.
    QCOMPARE(!t->settings.preprocessScript.isEmpty(), eventTypePath.startsWith(u"preprocess."_s));
    // An enforced scheme with secrets asks for them when the source is created.
    bool asksForSecret = false;
    for (const QJsonValue &f : t->requiredFields)
        asksForSecret |= f.toObject().value(u"field"_s).toString() == u"verification.secrets"_s;
    QCOMPARE(asksForSecret, enforced);
    QVERIFY(t->settings.verification.secrets.isEmpty()); // never a secret in a template
}

void TestTemplates::exampleEventTypes_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("example");
    QTest::addColumn<QString>("eventType");

    const QList<std::tuple<QString, QString, QString>> rows = {
        {u"stripe"_s, u"invoice.paid"_s, u"invoice.paid"_s},
        {u"stripe"_s, u"customer.subscription.created"_s, u"customer.subscription.created"_s},
        {u"stripe"_s, u"customer.created"_s, u"customer.created"_s},
        {u"clerk"_s, u"user.created"_s, u"user.created"_s},
        {u"clerk"_s, u"user.updated"_s, u"user.updated"_s},
        {u"clerk"_s, u"user.deleted"_s, u"user.deleted"_s},
        {u"clerk"_s, u"organization.created"_s, u"organization.created"_s},
        {u"clerk"_s, u"organizationMembership.created"_s, u"organizationMembership.created"_s},
        {u"workos"_s, u"user.created"_s, u"user.created"_s},
        {u"workos"_s, u"dsync.user.created"_s, u"dsync.user.created"_s},
        {u"workos"_s, u"organization.created"_s, u"organization.created"_s},
        {u"workos"_s, u"organization_membership.created"_s, u"organization_membership.created"_s},
        {u"supabase"_s, u"auth.users INSERT"_s, u"auth.users:INSERT"_s},
        {u"supabase"_s, u"public.profiles INSERT"_s, u"public.profiles:INSERT"_s},
        {u"supabase"_s, u"public.profiles UPDATE"_s, u"public.profiles:UPDATE"_s},
        {u"supabase"_s, u"public.profiles DELETE"_s, u"public.profiles:DELETE"_s},
        {u"posthog"_s, u"$identify"_s, u"$identify"_s},
        {u"posthog_webhook"_s, u"$pageview (default body)"_s, u"$pageview"_s},
        {u"segment"_s, u"identify"_s, u"identify"_s},
        {u"segment"_s, u"track"_s, u"track/Course Clicked"_s},
        {u"segment"_s, u"group"_s, u"group"_s},
        {u"segment"_s, u"page"_s, u"page"_s},
        {u"rudderstack"_s, u"identify"_s, u"identify"_s},
        {u"rudderstack"_s, u"track"_s, u"track/Order Completed"_s},
        {u"freshpaint"_s, u"identify"_s, u"identify"_s},
        {u"freshpaint"_s, u"track"_s, u"track/a"_s},
        {u"jitsu"_s, u"identify"_s, u"identify"_s},
        {u"jitsu"_s, u"track"_s, u"track/signup"_s},
        // Reverse-ETL templates are fed by the REST API, which names the
        // operation; their examples show what the tools' webhook
        // destinations send, which only Census's batch names at body.operation.
        {u"hightouch"_s, u"HTTP Request destination row"_s, kMissing},
        {u"census"_s, u"Webhook destination batch"_s, u"changed"_s},
        {u"census"_s, u"sync.completed lifecycle webhook"_s, kMissing},
        {u"census"_s, u"sync.alert.raised lifecycle webhook"_s, kMissing},
        {u"polytomic"_s, u"sync.records webhook"_s, kMissing},
        {u"custom"_s, u"Example"_s, u"user.signed_up"_s},
    };
    for (const auto &[key, example, type] : rows)
        QTest::newRow(qPrintable(key + u"/"_s + example)) << key << example << type;
}

void TestTemplates::exampleEventTypes()
{
    QFETCH(QString, key);
    QFETCH(QString, example);
    QFETCH(QString, eventType);
    const Template *t = TemplateRegistry::instance().find(key);
    QVERIFY(t);
    bool found = false;
    for (const QJsonValue &e : t->examples) {
        if (e.toObject().value(u"name"_s).toString() != example)
            continue;
        found = true;
        QVERIFY(e.toObject().value(u"body"_s).isObject()); // the ingest API accepts only objects
        QString error;
        const EvalContext ctx = contextFor(*t, e.toObject(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(eventTypeOf(*t, ctx), eventType);
        // Idempotency and timestamp paths find their value in every example
        // (a key must be a non-empty string, SPEC 10.3).
        for (const QString &path : {t->settings.idempotencyKeyPath, t->settings.timestampPath}) {
            if (path.isEmpty())
                continue;
            const auto v = PathExpression::compile(path).evaluate(ctx);
            QVERIFY2(v && !v->isNull() && !(v->isString() && v->toString().isEmpty()), qPrintable(path));
        }
        if (!t->settings.idempotencyKeyPath.isEmpty())
            QVERIFY(PathExpression::compile(t->settings.idempotencyKeyPath).evaluate(ctx)->isString());
    }
    QVERIFY2(found, qPrintable(u"no example named "_s + example));
}

void TestTemplates::defaultMappings_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("index");
    for (const Template &t : TemplateRegistry::instance().all()) {
        for (qsizetype i = 0; i < t.defaultMappings.size(); ++i) {
            const QJsonObject m = t.defaultMappings.at(i).toObject();
            QTest::addRow("%s/%s %s", qPrintable(t.key), qPrintable(m.value(u"event_type"_s).toString()),
                          qPrintable(m.value(u"action_type"_s).toString()))
                << t.key << int(i);
        }
    }
}

void TestTemplates::defaultMappings()
{
    QFETCH(QString, key);
    QFETCH(int, index);
    const Template &t = *TemplateRegistry::instance().find(key);
    QJsonObject json = t.defaultMappings.at(index).toObject();
    QVERIFY2(!json.value(u"label"_s).toString().isEmpty(), "the gallery lists mappings by label");
    json.remove(u"label"_s);
    ConfigErrors errors;
    const auto m = MappingConfig::fromJson(json, u"$"_s, errors);
    QVERIFY2(m, qPrintable(errors.list().join(u"\n"_s)));

    // Against the examples of its own event type when there are any, every
    // parameter must resolve; an event type without an example (e.g. Clerk's
    // organization.deleted) must resolve against some example of the template.
    int own = 0;
    QStringList somewhere;
    bool resolvedSomewhere = false;
    for (const QJsonValue &e : t.examples) {
        QString error;
        const EvalContext ctx = contextFor(t, e.toObject(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QStringList missing = unresolved(*m, ctx);
        if (eventTypeOf(t, ctx) == m->eventType) {
            ++own;
            QVERIFY2(missing.isEmpty(), qPrintable(u"example '%1': %2 missing"_s.arg(
                                            e.toObject().value(u"name"_s).toString(), missing.join(u", "_s))));
        }
        resolvedSomewhere |= missing.isEmpty();
        somewhere = missing;
    }
    QVERIFY2(own > 0 || resolvedSomewhere, qPrintable(u"unresolved in every example: "_s + somewhere.join(u", "_s)));
}

void TestTemplates::triggersArePlaceholders()
{
    // A workflow key is the user's choice: default triggers start inactive so
    // a new source does not fail on a workflow that does not exist yet.
    int triggers = 0;
    for (const Template &t : TemplateRegistry::instance().all()) {
        for (const QJsonValue &v : t.defaultMappings) {
            const QJsonObject m = v.toObject();
            if (m.value(u"action_type"_s).toString() != u"workflows_trigger"_s)
                continue;
            ++triggers;
            QCOMPARE(m.value(u"active"_s).toBool(true), false);
            QVERIFY(!m.value(u"action_parameters"_s).toObject().value(u"key"_s).toString().isEmpty());
        }
    }
    QCOMPARE(triggers, 2);
}

QTEST_GUILESS_MAIN(TestTemplates)
#include "test_templates.moc"
