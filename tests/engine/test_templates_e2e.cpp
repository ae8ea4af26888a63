// Every provider template end to end (SPEC 5-7, 11): a configuration created
// from the template (its settings and default mappings, only the secret
// given) receives the provider's fixture payloads through the real server,
// signed for the current time with the provider's own recipe, and the test
// checks the event type, the idempotency key, what the default mappings did
// to the store, that a redelivery is `idempotent`, and that a bad signature
// is refused with the scheme's reason.
#include "support/EngineFixture.h"

#include "config/TemplateRegistry.h"
#include "logs/LogFilter.h"
#include "store/StoreQueries.h"
#include "util/Crypto.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <functional>

using namespace Qt::Literals::StringLiterals;
using inlet::test::EngineFixture;

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

// One source configuration of the test file.
struct SourceDef
{
    QString key;
    QString templateKey;
    QString scheme; // how the test signs: the template's scheme unless `settings` changes it
    QByteArray secret;
    QJsonObject settings;               // settings beside the secret (empty: the template's)
    std::optional<QJsonArray> mappings; // absent: the template's default mappings
};

QString tokenOf(const QString &source)
{
    return u"tok_e2e_"_s + source + u"_dev01"_s;
}

QJsonArray activatedDefaultMappings(const QString &templateKey)
{
    QJsonArray out;
    const auto defaults = inlet::TemplateRegistry::instance().find(templateKey)->defaultMappings;
    for (const QJsonValue &m : defaults) {
        QJsonObject o = m.toObject();
        o.remove(u"label"_s);
        o.insert(u"active"_s, true);
        out.append(o);
    }
    return out;
}

QJsonObject sharedHeaderEnforced()
{
    return {{u"enforce_verification"_s, true},
            {u"verification"_s, QJsonObject{{u"scheme"_s, u"shared_header"_s}, {u"header"_s, u"x-webhook-secret"_s}}}};
}

const QList<SourceDef> &sources()
{
    static const QList<SourceDef> all = {
        {u"stripe"_s, u"stripe"_s, u"stripe"_s, "whsec_e2eStripeSigningSecret0001", {}, std::nullopt},
        // The inactive default triggers ticked, their workflow keys declared.
        {u"stripe_triggers"_s,
         u"stripe"_s,
         u"stripe"_s,
         "whsec_e2eStripeSigningSecret0001",
         {},
         activatedDefaultMappings(u"stripe"_s)},
        {u"clerk"_s, u"clerk"_s, u"svix"_s, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", {}, std::nullopt},
        {u"workos"_s, u"workos"_s, u"workos"_s, "wos_e2e_webhook_secret_2sAZJlbjP8", {}, std::nullopt},
        {u"supabase"_s, u"supabase"_s, u"shared_header"_s, "supabase-e2e-secret", {}, std::nullopt},
        {u"posthog"_s, u"posthog"_s, u"none"_s, {}, {}, std::nullopt},
        {u"posthog_enforced"_s, u"posthog"_s, u"shared_header"_s, "posthog-e2e-secret", sharedHeaderEnforced(),
         std::nullopt},
        {u"posthog_webhook"_s, u"posthog_webhook"_s, u"none"_s, {}, {}, std::nullopt},
        {u"posthog_webhook_enforced"_s, u"posthog_webhook"_s, u"shared_header"_s, "posthog-webhook-e2e-secret",
         sharedHeaderEnforced(), std::nullopt},
        {u"segment"_s, u"segment"_s, u"segment"_s, "segment-e2e-shared-secret", {}, std::nullopt},
        {u"rudderstack"_s, u"rudderstack"_s, u"shared_header"_s, "rudderstack-e2e-secret", {}, std::nullopt},
        {u"freshpaint"_s, u"freshpaint"_s, u"shared_header"_s, "freshpaint-e2e-secret", {}, std::nullopt},
        {u"jitsu"_s, u"jitsu"_s, u"shared_header"_s, "jitsu-e2e-secret", {}, std::nullopt},
        {u"census"_s, u"census"_s, u"none"_s, {}, {}, std::nullopt},
        // Census's sync lifecycle webhooks, verified as docs/templates.md
        // says: the scheme switched to hmac_sha256_base64, the event at body.event.
        {u"census_lifecycle"_s, u"census"_s, u"hmac_sha256_base64"_s, "census-e2e-lifecycle-secret",
         QJsonObject{
             {u"event_type_path"_s, u"body.event"_s},
             {u"enforce_verification"_s, true},
             {u"verification"_s, QJsonObject{{u"scheme"_s, u"hmac_sha256_base64"_s}, {u"header"_s, u"x-signature"_s}}}},
         QJsonArray()},
        {u"hightouch"_s, u"hightouch"_s, u"none"_s, {}, {}, std::nullopt},
        {u"polytomic"_s, u"polytomic"_s, u"none"_s, {}, {}, std::nullopt},
    };
    return all;
}

const SourceDef &sourceDef(const QString &key)
{
    for (const SourceDef &s : sources()) {
        if (s.key == key)
            return s;
    }
    qFatal("unknown test source %s", qPrintable(key));
}

QByteArray configFile()
{
    QJsonArray list;
    for (const SourceDef &s : sources()) {
        QJsonObject settings = s.settings;
        if (!s.secret.isEmpty()) {
            QJsonObject v = settings.value(u"verification"_s).toObject();
            v.insert(u"secrets"_s, QJsonArray{QString::fromLatin1(s.secret)});
            settings.insert(u"verification"_s, v);
        }
        QJsonObject config{{u"token"_s, tokenOf(s.key)}};
        if (!settings.isEmpty())
            config.insert(u"settings"_s, settings);
        if (s.mappings)
            config.insert(u"mappings"_s, *s.mappings);
        list.append(QJsonObject{{u"key"_s, s.key},
                                {u"template"_s, s.templateKey},
                                {u"environments"_s, QJsonObject{{u"development"_s, config}}}});
    }
    const QJsonObject root{
        {u"version"_s, 1},
        {u"workflows"_s, QJsonObject{{u"development"_s, QJsonArray{u"invoice-paid"_s, u"invoice-created"_s}}}},
        {u"sources"_s, list}};
    return QJsonDocument(root).toJson();
}

// The provider's signature over `body` at `nowMs`, as the provider sends it.
Headers sign(const QString &scheme, const QByteArray &secret, const QByteArray &body, const QByteArray &svixId,
             qint64 nowMs)
{
    using namespace inlet::crypto;
    const QByteArray seconds = QByteArray::number(nowMs / 1000);
    if (scheme == u"stripe"_s) { // the secret as displayed, whsec_ included
        const QByteArray sig = hmacSha256(secret, QByteArray(seconds + '.' + body)).toHex();
        return {{"Stripe-Signature", "t=" + seconds + ",v1=" + sig}};
    }
    if (scheme == u"svix"_s) {
        const QByteArray key = QByteArray::fromBase64(secret.mid(int(qstrlen("whsec_"))));
        const QByteArray sig = hmacSha256(key, QByteArray(svixId + '.' + seconds + '.' + body)).toBase64();
        return {{"svix-id", svixId}, {"svix-timestamp", seconds}, {"svix-signature", "v1," + sig}};
    }
    if (scheme == u"workos"_s) { // milliseconds
        const QByteArray ms = QByteArray::number(nowMs);
        const QByteArray sig = hmacSha256(secret, QByteArray(ms + '.' + body)).toHex();
        return {{"WorkOS-Signature", "t=" + ms + ", v1=" + sig}};
    }
    if (scheme == u"segment"_s)
        return {{"X-Signature", hmacSha1(secret, body).toHex()}};
    if (scheme == u"hmac_sha256_base64"_s)
        return {{"X-Signature", hmacSha256(secret, body).toBase64()}};
    if (scheme == u"shared_header"_s)
        return {{"X-Webhook-Secret", secret}};
    return {};
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QByteArray fixture(const QString &relative)
{
    QFile f(QStringLiteral(INLET_TEST_DATA_DIR) + u"/payloads/"_s + relative);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(relative));
    return f.readAll();
}

// A template's example body (for event types the fixtures have no payload of).
QByteArray example(const QString &templateKey, const QString &name)
{
    for (const QJsonValue &e : inlet::TemplateRegistry::instance().find(templateKey)->examples) {
        if (e[u"name"_s].toString() == name)
            return QJsonDocument(e[u"body"_s].toObject()).toJson(QJsonDocument::Compact);
    }
    qFatal("template %s has no example %s", qPrintable(templateKey), qPrintable(name));
}

// `json` with `edit` applied (a payload of another event type of the same shape).
QByteArray derived(const QByteArray &json, const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject o = QJsonDocument::fromJson(json).object();
    edit(o);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject setIn(QJsonObject o, const QString &key, const QString &child, const QJsonValue &value)
{
    QJsonObject inner = o.value(key).toObject();
    inner.insert(child, value);
    o.insert(key, inner);
    return o;
}

} // namespace

class TestTemplatesE2e : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<EngineFixture> fx;

    // Posts `body` to `source`'s receive URL, signed now; returns the processed event.
    std::optional<inlet::EventRecord> deliver(const QString &source, const QByteArray &body,
                                              const QByteArray &svixId = {})
    {
        const SourceDef &s = sourceDef(source);
        const auto r = fx->post(u"/integrations/receive/"_s + tokenOf(source), body,
                                sign(s.scheme, s.secret, body, svixId, nowMs()));
        if (r.status != 200) {
            qWarning("%s: HTTP %d %s", qPrintable(source), r.status, r.body.constData());
            return std::nullopt;
        }
        return fx->waitProcessed(r.json().value(u"id"_s).toString());
    }

private Q_SLOTS:
    void initTestCase()
    {
        const auto &registry = inlet::TemplateRegistry::instance();
        QVERIFY2(registry.errors().isEmpty(), qPrintable(registry.errors().join(u'\n')));
    }
    void init()
    {
        fx = std::make_unique<EngineFixture>();
        QVERIFY(fx->importConfig(configFile()));
        QVERIFY(fx->start());
    }
    void cleanup() { fx.reset(); }

    void fixturePayloads_data();
    void fixturePayloads();
    void stripeTriggersWhenTicked();
    void clerkOrganizationLifecycleAndSvixIds();
    void badSignatureIsRejected_data();
    void badSignatureIsRejected();
};

void TestTemplatesE2e::fixturePayloads_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("svixId");
    QTest::addColumn<QString>("eventType");      // empty: the path does not resolve
    QTest::addColumn<QString>("idempotencyKey"); // empty: none
    QTest::addColumn<QString>("verification");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QStringList>("present"); // SQL counts that must be 1
    QTest::addColumn<QStringList>("absent");  // SQL counts that must be 0

    const QString verified = u"verified"_s;
    const QString unverified = u"unverified"_s;
    const QString processed = u"processed"_s;
    const QString unmapped = u"unmapped"_s;
    const QStringList none;
    const QStringList noRuns{u"SELECT count(*) FROM workflow_runs"_s};
    const QStringList noUsers{u"SELECT count(*) FROM users"_s, u"SELECT count(*) FROM tenants"_s};

    // Stripe: the identify default is active; the trigger defaults are not.
    QTest::newRow("stripe customer.created (template example)")
        << u"stripe"_s << example(u"stripe"_s, u"customer.created"_s) << QByteArray() << u"customer.created"_s
        << u"evt_1MoqxALgUG5tbmjcCusCrt01"_s << verified << processed
        << QStringList{u"SELECT count(*) FROM users WHERE env='development' AND id='cus_NZbFQAsc0ptasX'"
                       " AND email='jenny.rosen@example.com' AND name='Jenny Rosen'"
                       " AND json_extract(properties, '$.app_user_id')='user_123'"_s}
        << none;
    QTest::newRow("stripe invoice.paid (trigger inactive)")
        << u"stripe"_s << fixture(u"stripe/invoice.paid.json"_s) << QByteArray() << u"invoice.paid"_s
        << u"evt_1MoqxJLgUG5tbmjcInvPaid01"_s << verified << processed << none << noRuns;
    QTest::newRow("stripe customer.subscription.created")
        << u"stripe"_s << fixture(u"stripe/customer.subscription.created.json"_s) << QByteArray()
        << u"customer.subscription.created"_s << u"evt_1MoqxHLgUG5tbmjcSubCrt01"_s << verified << unmapped << none
        << noRuns;

    // Clerk: no event id in the body; the svix-id header is the key.
    const QString clerkUser = u"SELECT count(*) FROM users WHERE id='user_29w83sxmDNGwOuEthce5gg56FcC'"
                              " AND email='example@example.org' AND avatar='https://img.clerk.com/xxxxxx'"_s;
    QTest::newRow("clerk user.created") << u"clerk"_s << fixture(u"clerk/user.created.json"_s)
                                        << QByteArray("msg_2e2UserCreated0001") << u"user.created"_s
                                        << u"msg_2e2UserCreated0001"_s << verified << processed
                                        << QStringList{clerkUser + u" AND name='Example Example'"_s} << none;
    QTest::newRow("clerk user.updated") << u"clerk"_s << fixture(u"clerk/user.updated.json"_s)
                                        << QByteArray("msg_2e2UserUpdated0001") << u"user.updated"_s
                                        << u"msg_2e2UserUpdated0001"_s << verified << processed
                                        << QStringList{clerkUser + u" AND name='Example '"_s} << none;
    QTest::newRow("clerk organization.created")
        << u"clerk"_s << fixture(u"clerk/organization.created.json"_s) << QByteArray("msg_2e2OrgCreated00001")
        << u"organization.created"_s << u"msg_2e2OrgCreated00001"_s << verified << processed
        << QStringList{u"SELECT count(*) FROM tenants WHERE id='org_29w9IfBrPmcpi0IeBVaKtA7R94W'"
                       " AND name='Acme Inc'"_s}
        << none;
    QTest::newRow("clerk user.deleted") << u"clerk"_s << fixture(u"clerk/user.deleted.json"_s)
                                        << QByteArray("msg_2e2UserDeleted0001") << u"user.deleted"_s
                                        << u"msg_2e2UserDeleted0001"_s << verified << unmapped << none << noUsers;
    QTest::newRow("clerk organizationMembership.created")
        << u"clerk"_s << fixture(u"clerk/organizationMembership.created.json"_s) << QByteArray("msg_2e2MembershipCrt01")
        << u"organizationMembership.created"_s << u"msg_2e2MembershipCrt01"_s << verified << unmapped << none
        << noUsers;

    // WorkOS: timestamps in milliseconds.
    QTest::newRow("workos user.created")
        << u"workos"_s << fixture(u"workos/user.created.json"_s) << QByteArray() << u"user.created"_s
        << u"event_01EHZNVPK3SFK441A1RGBFSHS1"_s << verified << processed
        << QStringList{u"SELECT count(*) FROM users WHERE id='user_01E4ZCR3C56J083X43JQXF3JK5'"
                       " AND email='marcelina.davis@example.com' AND name='Marcelina Davis'"
                       " AND avatar='https://workoscdn.com/images/v1/123abc' AND locale='en-US'"
                       " AND json_extract(properties, '$.timezone')='America/New_York'"_s}
        << none;
    QTest::newRow("workos dsync.user.created")
        << u"workos"_s << fixture(u"workos/dsync.user.created.json"_s) << QByteArray() << u"dsync.user.created"_s
        << u"event_01EHZNVPK3SFK441A1RGBFSHRT"_s << verified << processed
        << QStringList{u"SELECT count(*) FROM users WHERE id='directory_user_01E1JG7J09H96KYP8HM9B0G5SJ'"
                       " AND email='marcelina.davis@example.com' AND name='Marcelina Davis'"
                       " AND json_extract(properties, '$.department')='Engineering'"_s}
        << none;
    QTest::newRow("workos organization.created")
        << u"workos"_s << fixture(u"workos/organization.created.json"_s) << QByteArray() << u"organization.created"_s
        << u"event_01EHZNVPK3SFK441A1RGBFSHS2"_s << verified << processed
        << QStringList{u"SELECT count(*) FROM tenants WHERE id='org_01EHWNCE74X7JSDV0X3SZ3KJNY' AND name='Acme Inc.'"
                       " AND json_extract(properties, '$.tier')='diamond'"_s}
        << none;
    QTest::newRow("workos organization_membership.created")
        << u"workos"_s << fixture(u"workos/organization_membership.created.json"_s) << QByteArray()
        << u"organization_membership.created"_s << u"event_01EHZNVPK3SFK441A1RGBFSHS3"_s << verified << unmapped << none
        << noUsers;

    // Supabase: the script builds schema.table:TYPE; no idempotency key.
    const QByteArray authInsert = example(u"supabase"_s, u"auth.users INSERT"_s);
    QTest::newRow("supabase auth.users INSERT (template example)")
        << u"supabase"_s << authInsert << QByteArray() << u"auth.users:INSERT"_s << QString() << verified << processed
        << QStringList{u"SELECT count(*) FROM users WHERE id='8ccaa7af-909f-44e7-84cb-67cdccb56be6'"
                       " AND email='jenny.rosen@example.com' AND name='Jenny Rosen'"_s}
        << none;
    QTest::newRow("supabase auth.users UPDATE (derived)")
        << u"supabase"_s
        << derived(authInsert,
                   [](QJsonObject &o) {
                       o.insert(u"type"_s, u"UPDATE"_s);
                       o.insert(u"old_record"_s, o.value(u"record"_s));
                       o = setIn(o, u"record"_s, u"email"_s, u"jenny@example.org"_s);
                   })
        << QByteArray() << u"auth.users:UPDATE"_s << QString() << verified << processed
        << QStringList{u"SELECT count(*) FROM users WHERE id='8ccaa7af-909f-44e7-84cb-67cdccb56be6'"
                       " AND email='jenny@example.org'"_s}
        << none;
    for (const char *op : {"insert", "update", "delete"}) {
        const QString file = u"supabase/%1.json"_s.arg(QLatin1StringView(op));
        QTest::addRow("supabase %s", qPrintable(file)) << u"supabase"_s << fixture(file) << QByteArray()
                                                       << u"public.profiles:"_s + QString::fromLatin1(op).toUpper()
                                                       << QString() << verified << unmapped << none << noUsers;
    }

    // PostHog, Knock destination body: no fixture carries it, the template's example does.
    const QByteArray phIdentify = example(u"posthog"_s, u"$identify"_s);
    const QString phUser = u"SELECT count(*) FROM users WHERE id='user_123' AND email='pgibbons@example.com'"_s;
    QTest::newRow("posthog $identify (template example)")
        << u"posthog"_s << phIdentify << QByteArray() << u"$identify"_s << u"01a222e4-fdbb-72b3-a4f2-7928f79f62e5"_s
        << unverified << processed << QStringList{phUser} << none;
    QTest::newRow("posthog $set (derived)")
        << u"posthog"_s
        << derived(phIdentify,
                   [](QJsonObject &o) {
                       o.insert(u"event"_s, u"$set"_s);
                       o.insert(u"messageId"_s, u"01a222e4-fdbb-72b3-a4f2-7928f79f6300"_s);
                   })
        << QByteArray() << u"$set"_s << u"01a222e4-fdbb-72b3-a4f2-7928f79f6300"_s << unverified << processed
        << QStringList{phUser} << none;
    QTest::newRow("posthog custom webhook body")
        << u"posthog"_s << fixture(u"posthog/webhook.custom-body.json"_s) << QByteArray() << QString() << QString()
        << unverified << unmapped << none << noUsers;

    // PostHog HTTP Webhook destination, default body {event, person}.
    const QByteArray phDefault = fixture(u"posthog/webhook.default-body.json"_s);
    QTest::newRow("posthog_webhook $pageview")
        << u"posthog_webhook"_s << phDefault << QByteArray() << u"$pageview"_s
        << u"0193f4b2-6c1e-7a3d-9f0e-4b2a8c6d1e55"_s << unverified << unmapped << none << noUsers;
    QTest::newRow("posthog_webhook $identify (derived)")
        << u"posthog_webhook"_s
        << derived(phDefault,
                   [](QJsonObject &o) {
                       o = setIn(o, u"event"_s, u"event"_s, u"$identify"_s);
                       o = setIn(o, u"event"_s, u"uuid"_s, u"0193f4b2-6c1e-7a3d-9f0e-4b2a8c6d1e56"_s);
                   })
        << QByteArray() << u"$identify"_s << u"0193f4b2-6c1e-7a3d-9f0e-4b2a8c6d1e56"_s << unverified << processed
        << QStringList{u"SELECT count(*) FROM users WHERE id='user_123' AND email='max@example.com'"
                       " AND json_extract(properties, '$.first_name')='Max'"_s}
        << none;

    // Segment-spec messages (the Webhooks destinations of Segment, RudderStack, Freshpaint, Jitsu).
    QTest::newRow("segment identify")
        << u"segment"_s << fixture(u"segment/identify.json"_s) << QByteArray() << u"identify"_s
        << u"022bb90c-bbac-11e4-8dfc-aa07a5b093db"_s << verified << processed
        << QStringList{u"SELECT count(*) FROM users WHERE id='97980cfea0067' AND email='peter@example.com'"
                       " AND name='Peter Gibbons' AND json_extract(properties, '$.plan')='premium'"_s}
        << none;
    QTest::newRow("segment track") << u"segment"_s << fixture(u"segment/track.json"_s) << QByteArray()
                                   << u"track/Course Clicked"_s << u"ajs-f8ca1e4de5024d9430b3928bd8ac6b96"_s << verified
                                   << unmapped << none << noUsers;
    QTest::newRow("segment group") << u"segment"_s << fixture(u"segment/group.json"_s) << QByteArray() << u"group"_s
                                   << u"022bb90c-bbac-11e4-8dfc-aa07a5b093dc"_s << verified << unmapped << none
                                   << noUsers;
    QTest::newRow("segment page") << u"segment"_s << fixture(u"segment/page.json"_s) << QByteArray() << u"page"_s
                                  << u"022bb90c-bbac-11e4-8dfc-aa07a5b093dd"_s << verified << unmapped << none
                                  << noUsers;
    QTest::newRow("rudderstack identify")
        << u"rudderstack"_s << fixture(u"rudderstack/identify.json"_s) << QByteArray() << u"identify"_s
        << u"9d76d366-8dbe-4650-965e-3306af705eda"_s << verified << processed
        << QStringList{u"SELECT count(*) FROM users WHERE id='user_123' AND email='pgibbons@example.com'"
                       " AND name='Peter Gibbons'"_s}
        << none;
    QTest::newRow("rudderstack identify, traits only in context (derived)")
        << u"rudderstack"_s
        << derived(fixture(u"rudderstack/identify.json"_s),
                   [](QJsonObject &o) {
                       o.remove(u"traits"_s);
                       o.insert(u"messageId"_s, u"9d76d366-8dbe-4650-965e-3306af705edb"_s);
                   })
        << QByteArray() << u"identify"_s << u"9d76d366-8dbe-4650-965e-3306af705edb"_s << verified << processed
        << QStringList{u"SELECT count(*) FROM users WHERE id='user_123' AND email='pgibbons@example.com'"
                       " AND name='Peter Gibbons'"_s}
        << none;
    QTest::newRow("rudderstack track") << u"rudderstack"_s << fixture(u"rudderstack/track.json"_s) << QByteArray()
                                       << u"track/Order Completed"_s << u"335b9b43-7e7f-427e-9028-c02d8ec7c11a"_s
                                       << verified << unmapped << none << noUsers;
    QTest::newRow("freshpaint identify")
        << u"freshpaint"_s << fixture(u"freshpaint/identify.json"_s) << QByteArray() << u"identify"_s
        << u"Zi1TKug6D8lLqNUD1v0i1w=="_s << verified << processed
        << QStringList{u"SELECT count(*) FROM users WHERE id='hello@example.com' AND phone_number='+15558675309'"_s}
        << none;
    QTest::newRow("freshpaint track") << u"freshpaint"_s << fixture(u"freshpaint/track.json"_s) << QByteArray()
                                      << u"track/a"_s << u"iI5pcrFfZHTuAfEu1DZ6Mg=="_s << verified << unmapped << none
                                      << noUsers;
    QTest::newRow("jitsu identify")
        << u"jitsu"_s << fixture(u"jitsu/identify.json"_s) << QByteArray() << u"identify"_s
        << u"q1Wm8nX4ZbR2tYp7LkJh3"_s << verified << processed
        << QStringList{u"SELECT count(*) FROM users WHERE id='userId1' AND email='john.doe.1@example.com'"
                       " AND name='John Doe'"_s}
        << none;
    QTest::newRow("jitsu track") << u"jitsu"_s << fixture(u"jitsu/track.json"_s) << QByteArray() << u"track/signup"_s
                                 << u"voV6fulcZR4CTVnN89Anx"_s << verified << unmapped << none << noUsers;

    // Reverse ETL: their tools' own webhooks at the receive URL (no default
    // mappings). Hightouch's batched HTTP Request body is a JSON array, which
    // the receive route refuses (SPEC 3: the body must be a JSON object).
    QTest::newRow("census webhook destination")
        << u"census"_s << fixture(u"census/webhook-destination.changed.json"_s) << QByteArray() << u"changed"_s
        << QString() << unverified << unmapped << none << noUsers;
    QTest::newRow("census lifecycle sync.completed")
        << u"census_lifecycle"_s << fixture(u"census/lifecycle.sync.completed.json"_s) << QByteArray()
        << u"sync.completed"_s << QString() << verified << unmapped << none << noUsers;
    QTest::newRow("census lifecycle sync.alert.raised")
        << u"census_lifecycle"_s << fixture(u"census/lifecycle.sync.alert.raised.json"_s) << QByteArray()
        << u"sync.alert.raised"_s << QString() << verified << unmapped << none << noUsers;
    QTest::newRow("hightouch row") << u"hightouch"_s << fixture(u"hightouch/http-request.row-added.json"_s)
                                   << QByteArray() << QString() << QString() << unverified << unmapped << none
                                   << noUsers;
    QTest::newRow("polytomic sync.records")
        << u"polytomic"_s << fixture(u"polytomic/sync.records.json"_s) << QByteArray() << QString() << QString()
        << unverified << unmapped << none << noUsers;
}

void TestTemplatesE2e::fixturePayloads()
{
    QFETCH(QString, source);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, svixId);
    QFETCH(QString, eventType);
    QFETCH(QString, idempotencyKey);
    QFETCH(QString, verification);
    QFETCH(QString, status);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);

    const auto checkStore = [&] {
        for (const QString &sql : present)
            QVERIFY2(fx->count(sql) == 1, qPrintable(sql));
        for (const QString &sql : absent)
            QVERIFY2(fx->count(sql) == 0, qPrintable(sql));
    };

    const auto e = deliver(source, body, svixId);
    QVERIFY(e);
    QCOMPARE(e->verificationStatus, verification);
    QVERIFY2(e->status == status, qPrintable(e->status + u": "_s + e->statusDetail));
    QCOMPARE(e->eventType, eventType);
    QCOMPARE(e->idempotencyKey, idempotencyKey);
    if (eventType.isEmpty())
        QVERIFY2(e->statusDetail.contains(u"did not resolve"_s) || e->statusDetail.contains(u"expected a string"_s),
                 qPrintable(e->statusDetail));
    const auto actions = fx->log().actionsForEvent(e->id);
    for (const auto &a : actions)
        QVERIFY2(a.status == u"success"_s, qPrintable(a.actionType + u": "_s + a.error));
    if (status == u"unmapped"_s)
        QVERIFY(actions.isEmpty());
    if (!present.isEmpty())
        QVERIFY(!actions.isEmpty());
    checkStore();

    // The provider delivers the same message again (same svix-id for Svix),
    // signed anew. A processed event with a key replays; without a key, or
    // when the first delivery did not process, it runs again (SPEC 10.3).
    const auto again = deliver(source, body, svixId);
    QVERIFY(again);
    QCOMPARE(again->idempotencyKey, idempotencyKey);
    if (status == u"processed"_s && !idempotencyKey.isEmpty()) {
        QCOMPARE(again->status, u"idempotent"_s);
        QCOMPARE(again->replayOf, e->id);
        QCOMPARE(fx->log().actionsForEvent(again->id).size(), 0);
    } else {
        QCOMPARE(again->status, status);
        QCOMPARE(fx->log().actionsForEvent(again->id).size(), actions.size());
    }
    checkStore();
}

void TestTemplatesE2e::stripeTriggersWhenTicked()
{
    const auto customer = deliver(u"stripe_triggers"_s, example(u"stripe"_s, u"customer.created"_s));
    QVERIFY(customer);
    QCOMPARE(customer->status, u"processed"_s);

    const QByteArray paid = fixture(u"stripe/invoice.paid.json"_s);
    const auto e = deliver(u"stripe_triggers"_s, paid);
    QVERIFY(e);
    QVERIFY2(e->status == u"processed"_s, qPrintable(e->statusDetail));
    const auto actions = fx->log().actionsForEvent(e->id);
    QCOMPARE(actions.size(), 1);
    QCOMPARE(actions[0].actionType, u"workflows_trigger"_s);
    QVERIFY2(actions[0].status == u"success"_s, qPrintable(actions[0].error));
    const QString runs = u"SELECT count(*) FROM workflow_runs WHERE workflow='invoice-paid'"_s;
    QCOMPARE(fx->count(runs + u" AND event_id='"_s + e->id + u"' AND recipients LIKE '%cus_NZbFQAsc0ptasX%'"_s), 1);
    // The run's data as the store browser and the REST API read it (kept by
    // reference to the event's body while the body is in the log).
    const QList<QJsonObject> listed = inlet::StoreQueries::runs(fx->db(), e->env);
    QCOMPARE(listed.size(), 1);
    QCOMPARE(
        listed[0].value(u"data"_s).toObject().value(u"data"_s).toObject().value(u"object"_s).toObject().value(u"id"_s),
        u"in_1MoqxGLgUG5tbmjcJeILGSau"_s);

    const auto again = deliver(u"stripe_triggers"_s, paid);
    QCOMPARE(again->status, u"idempotent"_s);
    QCOMPARE(again->replayOf, e->id);
    QCOMPARE(fx->count(runs), 1);

    // invoice.created: another event of the same invoice, another workflow.
    const auto created = deliver(u"stripe_triggers"_s, derived(paid, [](QJsonObject &o) {
                                     o.insert(u"type"_s, u"invoice.created"_s);
                                     o.insert(u"id"_s, u"evt_1MoqxJLgUG5tbmjcInvCrt001"_s);
                                 }));
    QVERIFY(created);
    QVERIFY2(created->status == u"processed"_s, qPrintable(created->statusDetail));
    QCOMPARE(fx->count(u"SELECT count(*) FROM workflow_runs WHERE workflow='invoice-created'"_s), 1);
    QCOMPARE(fx->count(runs), 1);
}

void TestTemplatesE2e::clerkOrganizationLifecycleAndSvixIds()
{
    const QByteArray org = fixture(u"clerk/organization.created.json"_s);
    const QString tenant = u"SELECT count(*) FROM tenants WHERE id='org_29w9IfBrPmcpi0IeBVaKtA7R94W'"_s;
    const auto created = deliver(u"clerk"_s, org, "msg_2e2OrgLifecycle0001");
    QVERIFY(created);
    QCOMPARE(created->status, u"processed"_s);
    QCOMPARE(fx->count(tenant), 1);

    // Svix's id names the message: the same body under another id is another message.
    const auto other = deliver(u"clerk"_s, org, "msg_2e2OrgLifecycle0002");
    QVERIFY(other);
    QCOMPARE(other->status, u"processed"_s);
    QCOMPARE(other->idempotencyKey, u"msg_2e2OrgLifecycle0002"_s);

    const QByteArray deleted = derived(org, [](QJsonObject &o) {
        o.insert(u"type"_s, u"organization.deleted"_s);
        o.insert(u"data"_s, QJsonObject{{u"deleted"_s, true},
                                        {u"id"_s, u"org_29w9IfBrPmcpi0IeBVaKtA7R94W"_s},
                                        {u"object"_s, u"organization"_s}});
    });
    const auto gone = deliver(u"clerk"_s, deleted, "msg_2e2OrgLifecycle0003");
    QVERIFY(gone);
    QVERIFY2(gone->status == u"processed"_s, qPrintable(gone->statusDetail));
    QCOMPARE(gone->eventType, u"organization.deleted"_s);
    QCOMPARE(fx->count(tenant), 0);
    const auto again = deliver(u"clerk"_s, deleted, "msg_2e2OrgLifecycle0003");
    QCOMPARE(again->status, u"idempotent"_s);
    QCOMPARE(again->replayOf, gone->id);
}

void TestTemplatesE2e::badSignatureIsRejected_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("fixtureFile");
    QTest::addColumn<QString>("how"); // wrong-secret | stale | missing
    QTest::addColumn<QString>("reason");

    const QString noMatch = u"no signature matched"_s;
    const QString sharedNoMatch = u"header x-webhook-secret (wrong-...) does not match any configured secret"_s;
    QTest::newRow("stripe wrong secret") << u"stripe"_s << u"stripe/invoice.paid.json"_s << u"wrong-secret"_s
                                         << noMatch;
    QTest::newRow("stripe stale") << u"stripe"_s << u"stripe/invoice.paid.json"_s << u"stale"_s
                                  << u"s old, tolerance 300 s"_s;
    QTest::newRow("stripe missing") << u"stripe"_s << u"stripe/invoice.paid.json"_s << u"missing"_s
                                    << u"header Stripe-Signature is missing"_s;
    QTest::newRow("clerk wrong secret") << u"clerk"_s << u"clerk/user.created.json"_s << u"wrong-secret"_s << noMatch;
    QTest::newRow("clerk stale") << u"clerk"_s << u"clerk/user.created.json"_s << u"stale"_s
                                 << u"s old, tolerance 300 s"_s;
    QTest::newRow("clerk missing") << u"clerk"_s << u"clerk/user.created.json"_s << u"missing"_s
                                   << u"svix-id, svix-timestamp and svix-signature"_s;
    QTest::newRow("workos wrong secret") << u"workos"_s << u"workos/user.created.json"_s << u"wrong-secret"_s
                                         << noMatch;
    QTest::newRow("workos stale") << u"workos"_s << u"workos/user.created.json"_s << u"stale"_s
                                  << u"s old, tolerance 180 s"_s;
    QTest::newRow("supabase wrong secret")
        << u"supabase"_s << u"supabase/insert.json"_s << u"wrong-secret"_s << sharedNoMatch;
    QTest::newRow("supabase missing") << u"supabase"_s << u"supabase/insert.json"_s << u"missing"_s
                                      << u"header x-webhook-secret is missing"_s;
    QTest::newRow("posthog (shared header enforced)")
        << u"posthog_enforced"_s << u"posthog/webhook.custom-body.json"_s << u"wrong-secret"_s << sharedNoMatch;
    QTest::newRow("posthog_webhook (shared header enforced)")
        << u"posthog_webhook_enforced"_s << u"posthog/webhook.default-body.json"_s << u"wrong-secret"_s
        << sharedNoMatch;
    QTest::newRow("segment wrong secret") << u"segment"_s << u"segment/identify.json"_s << u"wrong-secret"_s << noMatch;
    QTest::newRow("segment missing") << u"segment"_s << u"segment/identify.json"_s << u"missing"_s
                                     << u"header X-Signature is missing"_s;
    QTest::newRow("rudderstack wrong secret")
        << u"rudderstack"_s << u"rudderstack/identify.json"_s << u"wrong-secret"_s << sharedNoMatch;
    QTest::newRow("freshpaint wrong secret")
        << u"freshpaint"_s << u"freshpaint/identify.json"_s << u"wrong-secret"_s << sharedNoMatch;
    QTest::newRow("jitsu wrong secret") << u"jitsu"_s << u"jitsu/identify.json"_s << u"wrong-secret"_s << sharedNoMatch;
    QTest::newRow("census lifecycle wrong secret")
        << u"census_lifecycle"_s << u"census/lifecycle.sync.completed.json"_s << u"wrong-secret"_s << noMatch;
}

void TestTemplatesE2e::badSignatureIsRejected()
{
    QFETCH(QString, source);
    QFETCH(QString, fixtureFile);
    QFETCH(QString, how);
    QFETCH(QString, reason);

    const SourceDef &s = sourceDef(source);
    const QByteArray body = fixture(fixtureFile);
    // A wrong secret of the same form (svix secrets must stay base64).
    const QByteArray wrong =
        s.scheme == u"svix"_s ? QByteArray("whsec_") + QByteArray(24, 'x').toBase64() : QByteArray("wrong-") + s.secret;
    Headers headers;
    if (how == u"wrong-secret"_s)
        headers = sign(s.scheme, wrong, body, "msg_2e2BadSignature0001", nowMs());
    else if (how == u"stale"_s)
        headers = sign(s.scheme, s.secret, body, "msg_2e2BadSignature0001", nowMs() - 600'000);
    const auto r = fx->post(u"/integrations/receive/"_s + tokenOf(source), body, headers);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json().value(u"error"_s).toString(), u"verification_failed"_s);
    const QString detail = r.json().value(u"detail"_s).toString();
    QVERIFY2(detail.contains(reason), qPrintable(detail));
    QVERIFY2(!detail.contains(QString::fromLatin1(s.secret)), qPrintable(detail));
    // Logged, rejected, with the same reason.
    inlet::LogFilter f;
    f.source = source;
    const auto rows = fx->log().events(f, true);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].status, u"rejected"_s);
    QCOMPARE(rows[0].verificationStatus, u"failed"_s);
    QCOMPARE(rows[0].verificationReason, detail);
    QCOMPARE(fx->count(u"SELECT count(*) FROM actions"_s), 0);
}

QTEST_GUILESS_MAIN(TestTemplatesE2e)
#include "test_templates_e2e.moc"
