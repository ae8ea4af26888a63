// Configuration files (SPEC 11): validation with JSON paths, template
// defaults, import into the database (tokens, secrets, workflows, nothing
// half-applied) and the export/import round trip.

#include "config/Configuration.h"
#include "config/TemplateRegistry.h"
#include "support/ConfigTestDatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;
using namespace inlet::cfgtest;

namespace {

const QSet<QString> kDefaultEnvironments = {u"development"_s, u"production"_s};

// A file with one custom source `app` whose development configuration is `config`.
QByteArray appFile(const QByteArray &config)
{
    return R"({"version": 1, "workflows": {"development": ["welcome"]},
               "sources": [{"key": "app", "name": "App", "template": "custom",
                            "environments": {"development": )" +
           config + "}}]}";
}

// A file with one source of `templateKey` whose development configuration is `config`.
QByteArray templateFile(const QString &templateKey, const QByteArray &config)
{
    return R"({"version": 1, "sources": [{"key": "src", "template": ")" + templateKey.toUtf8() +
           R"(", "environments": {"development": )" + config + "}}]}";
}

std::optional<Configuration> parse(const QByteArray &json, QStringList *errors = nullptr)
{
    ConfigErrors e;
    auto c = Configuration::parse(json, TemplateRegistry::instance(), kDefaultEnvironments, e);
    if (errors)
        *errors = e.list();
    return c;
}

// The "PATH: message" lines of `errors` whose path is exactly `path`.
QStringList errorsAt(const QStringList &errors, const QString &path)
{
    QStringList out;
    for (const QString &e : errors) {
        if (e.startsWith(path + u": "_s))
            out.append(e);
    }
    return out;
}

const QByteArray kRichFile = R"({
  "version": 1,
  "environments": [{"key": "development", "name": "Development"},
                   {"key": "production", "name": "Production"},
                   {"key": "staging", "name": "Staging"}],
  "workflows": {"development": ["welcome", "invoice-paid"], "staging": ["welcome"]},
  "sources": [
    {"key": "shop", "name": "Shop", "template": "custom",
     "environments": {
       "development": {
         "token": "tok_dev_shop_0001",
         "settings": {
           "event_type_path": "body.kind",
           "timestamp_path": "body.created",
           "idempotency_key_path": "headers.x-request-id",
           "idempotency_window_s": 3600,
           "enforce_verification": false,
           "verification": {"scheme": "hmac_sha256_base64", "header": "X-Shop-Hmac",
                            "secrets": ["dev-secret-1", "dev-secret-2"], "tolerance_s": 60},
           "preprocess_script": "function main(ctx) { return {verified: true}; }",
           "script_vars": {"region": "eu", "signing_key": {"value": "dev-var-secret", "secret": true}}
         },
         "mappings": [
           {"event_type": "order.created", "action_type": "workflows_trigger", "active": true,
            "action_parameters": {"key": "invoice-paid",
                                  "recipients": {"coalesce": ["body.customer.id", "body.email"]},
                                  "data": {"template": "Order {{body.number}}"},
                                  "tenant": {"value": "acme"}},
            "when": {"path": "body.test", "exists": false}},
           {"event_type": "customer.created", "action_type": "users_identify", "active": false,
            "action_parameters": {"id": {"path": "body.customer.id", "default": "anonymous"},
                                  "email": "body.customer.email"}}
         ]},
       "staging": {"settings": {"verification": {"secrets": ["staging-secret"]}}}
     }},
    {"key": "crm", "template": "custom",
     "environments": {"production": {"token": "tok_prod_crm_0001", "mappings": []}}}
  ]
})";

} // namespace

class TestConfigFile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void parseErrorNamesPathAndExpectation_data();
    void parseErrorNamesPathAndExpectation();
    void everyProblemIsReported();
    void requiredParameterMayBeMissingOnInactiveMapping();
    void environmentDeclaredInTheFileCanBeUsed();

    void templateDefaultsApplyToOmittedSettings_data();
    void templateDefaultsApplyToOmittedSettings();
    void customTemplateDefaults();
    void givenSettingsOverrideOnlyThemselves();
    void absentMappingsTakeTemplateDefaults_data();
    void absentMappingsTakeTemplateDefaults();
    void emptyMappingsMeanNone_data();
    void emptyMappingsMeanNone();

    void applyGeneratesTokenWhenAbsent();
    void reimportKeepsStoredToken();
    void keyTemplatesGetKeysThatSurviveReimport_data();
    void keyTemplatesGetKeysThatSurviveReimport();
    void importWithoutSecretsKeepsStoredSecrets_data();
    void importWithoutSecretsKeepsStoredSecrets();
    void exportHasSecretsOnlyWhenAsked();
    void scriptVars_data();
    void scriptVars();
    void exportImportExportIsStable();
    void exportWithoutSecretsReimportsSafely();
    void exportOfOneEnvironment();
    void failedImportChangesNothing_data();
    void failedImportChangesNothing();
    void workflowsAreReplacedPerEnvironment();
    void sourcesNotNamedInTheFileAreKept();
};

void TestConfigFile::initTestCase()
{
    const TemplateRegistry &registry = TemplateRegistry::instance();
    QVERIFY2(registry.errors().isEmpty(), qPrintable(registry.errors().join(u'\n')));
    QVERIFY(registry.find(u"custom"_s));
}

void TestConfigFile::parseErrorNamesPathAndExpectation_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");

    const QString dev = u"$.sources[0].environments.development"_s;
    const QString settings = dev + u".settings"_s;
    const QString mapping0 = dev + u".mappings[0]"_s;

    // The file as a whole.
    QTest::newRow("invalid JSON") << QByteArray(R"({"version": 1,)") << u"$"_s << u"invalid JSON"_s;
    QTest::newRow("not an object") << QByteArray("[1]") << u"$"_s << u"expected a JSON object"_s;
    QTest::newRow("version 2") << QByteArray(R"({"version": 2})") << u"$.version"_s
                               << u"unsupported version 2; this program reads version 1"_s;
    QTest::newRow("version missing") << QByteArray(R"({"sources": []})") << u"$.version"_s
                                     << u"missing; this program reads version 1"_s;
    QTest::newRow("version as a string") << QByteArray(R"({"version": "1"})") << u"$.version"_s << u"got a string"_s;
    QTest::newRow("unknown top-level key") << QByteArray(R"({"version": 1, "source": []})") << u"$.source"_s
                                           << u"unknown top-level field (known: version, environments,"_s;
    QTest::newRow("sources not an array")
        << QByteArray(R"({"version": 1, "sources": {}})") << u"$.sources"_s << u"expected an array, got an object"_s;
    QTest::newRow("bad environment key") << QByteArray(R"({"version": 1, "environments": [{"key": "Prod Env"}]})")
                                         << u"$.environments[0].key"_s << u"lower-case letters, digits"_s;
    QTest::newRow("environment declared twice")
        << QByteArray(R"({"version": 1, "environments": [{"key": "qa"}, {"key": "qa"}]})") << u"$.environments[1].key"_s
        << u"declared twice"_s;
    QTest::newRow("unknown environment in workflows")
        << QByteArray(R"({"version": 1, "workflows": {"staging": ["welcome"]}})") << u"$.workflows.staging"_s
        << u"unknown environment 'staging'"_s;
    QTest::newRow("workflow key not a string")
        << QByteArray(R"({"version": 1, "workflows": {"development": [42]}})") << u"$.workflows.development[0]"_s
        << u"expected a workflow key string"_s;

    // Sources.
    QTest::newRow("bad source key") << QByteArray(
                                           R"({"version": 1, "sources": [{"key": "My App", "template": "custom"}]})")
                                    << u"$.sources[0].key"_s << u"got 'My App'"_s;
    QTest::newRow("source declared twice")
        << QByteArray(R"({"version": 1, "sources": [{"key": "app"}, {"key": "app"}]})") << u"$.sources[1].key"_s
        << u"source 'app' is declared twice"_s;
    QTest::newRow("unknown source field")
        << QByteArray(R"({"version": 1, "sources": [{"key": "app", "templat": "custom"}]})")
        << u"$.sources[0].templat"_s << u"unknown source field"_s;
    QTest::newRow("unknown template") << QByteArray(
                                             R"({"version": 1, "sources": [{"key": "app", "template": "stripee"}]})")
                                      << u"$.sources[0].template"_s << u"unknown template 'stripee' (templates: "_s;
    QTest::newRow("template not a string")
        << QByteArray(R"({"version": 1, "sources": [{"key": "app", "template": 5}]})") << u"$.sources[0].template"_s
        << u"got a number"_s;
    QTest::newRow("unknown environment in a source")
        << QByteArray(R"({"version": 1, "sources": [{"key": "app", "template": "custom",
                          "environments": {"staging": {}}}]})")
        << u"$.sources[0].environments.staging"_s << u"unknown environment 'staging'"_s;
    QTest::newRow("configuration not an object") << appFile("5") << dev << u"expected an object"_s;
    QTest::newRow("unknown configuration field")
        << appFile(R"({"mapping": []})") << dev + u".mapping"_s << u"unknown source configuration field"_s;

    // Tokens.
    QTest::newRow("token with bad characters")
        << appFile(R"({"token": "tok en/12345"})") << dev + u".token"_s << u"URL-safe characters"_s;
    QTest::newRow("token too short") << appFile(R"({"token": "abc"})") << dev + u".token"_s << u"8 to 128"_s;
    QTest::newRow("token not a string") << appFile(R"({"token": 12345678})") << dev + u".token"_s
                                        << u"URL-safe characters"_s;
    QTest::newRow("duplicate tokens across sources")
        << QByteArray(R"({"version": 1, "sources": [
               {"key": "app", "environments": {"development": {"token": "tok_same_0001"}}},
               {"key": "crm", "environments": {"production": {"token": "tok_same_0001"}}}]})")
        << u"$.sources"_s << u"app/development and crm/production use the same token or key"_s;
    QTest::newRow("duplicate tokens across environments")
        << QByteArray(R"({"version": 1, "sources": [
               {"key": "app", "environments": {"development": {"token": "tok_same_0001"},
                                               "production": {"token": "tok_same_0001"}}}]})")
        << u"$.sources"_s << u"app/development and app/production use the same token or key"_s;

    // Settings.
    QTest::newRow("settings not an object")
        << appFile(R"({"settings": []})") << dev + u".settings"_s << u"expected an object, got an array"_s;
    QTest::newRow("unknown setting") << appFile(R"({"settings": {"idempotency_window": 60}})")
                                     << settings + u".idempotency_window"_s << u"unknown setting"_s;
    QTest::newRow("bad event_type_path") << appFile(R"({"settings": {"event_type_path": "body..type"}})")
                                         << settings + u".event_type_path"_s << u"invalid path 'body..type'"_s;
    QTest::newRow("event_type_path with unknown root")
        << appFile(R"({"settings": {"event_type_path": "payload.type"}})") << settings + u".event_type_path"_s
        << u"invalid path 'payload.type'"_s;
    QTest::newRow("empty event_type_path")
        << appFile(R"({"settings": {"event_type_path": ""}})") << settings + u".event_type_path"_s
        << u"expected a path such as body.type"_s;
    QTest::newRow("bad idempotency_key_path")
        << appFile(R"({"settings": {"idempotency_key_path": "body.items["}})") << settings + u".idempotency_key_path"_s
        << u"invalid path 'body.items['"_s;
    QTest::newRow("idempotency_window_s as a string")
        << appFile(R"({"settings": {"idempotency_window_s": "86400"}})") << settings + u".idempotency_window_s"_s
        << u"expected a non-negative whole number of seconds, got a string"_s;
    QTest::newRow("idempotency_window_s negative")
        << appFile(R"({"settings": {"idempotency_window_s": -5}})") << settings + u".idempotency_window_s"_s
        << u"expected a non-negative whole number of seconds, got a number"_s;
    QTest::newRow("idempotency_window_s fractional")
        << appFile(R"({"settings": {"idempotency_window_s": 1.5}})") << settings + u".idempotency_window_s"_s
        << u"expected a non-negative whole number of seconds"_s;
    QTest::newRow("enforce_verification as a string")
        << appFile(R"({"settings": {"enforce_verification": "yes"}})") << settings + u".enforce_verification"_s
        << u"expected true or false, got a string"_s;
    QTest::newRow("enforce_verification as a number")
        << appFile(R"({"settings": {"enforce_verification": 1}})") << settings + u".enforce_verification"_s
        << u"expected true or false, got a number"_s;
    QTest::newRow("unknown verification scheme")
        << appFile(R"({"settings": {"verification": {"scheme": "hmac"}}})") << settings + u".verification.scheme"_s
        << u"expected one of none, shared_header,"_s;
    QTest::newRow("unknown verification scheme is quoted")
        << appFile(R"({"settings": {"verification": {"scheme": "hmac"}}})") << settings + u".verification.scheme"_s
        << u"got 'hmac'"_s;
    QTest::newRow("verification scheme not a string") << appFile(R"({"settings": {"verification": {"scheme": 7}}})")
                                                      << settings + u".verification.scheme"_s << u"got a number"_s;
    QTest::newRow("unknown verification setting")
        << appFile(R"({"settings": {"verification": {"secert": "x"}}})") << settings + u".verification.secert"_s
        << u"unknown verification setting"_s;
    QTest::newRow("secret that is not a string")
        << appFile(R"({"settings": {"verification": {"secrets": ["ok", 5]}}})")
        << settings + u".verification.secrets[1]"_s << u"expected a non-empty string, got a number"_s;
    QTest::newRow("basic secret without a password")
        << appFile(R"({"settings": {"verification": {"scheme": "basic", "secrets": ["user"]}}})")
        << settings + u".verification.secrets"_s << u"\"user:password\""_s;
    QTest::newRow("negative tolerance") << appFile(R"({"settings": {"verification": {"tolerance_s": -1}}})")
                                        << settings + u".verification.tolerance_s"_s
                                        << u"non-negative whole number of seconds"_s;

    QTest::newRow("script vars not an object") << appFile(R"({"settings": {"script_vars": [1]}})")
                                               << settings + u".script_vars"_s << u"expected an object, got an array"_s;
    QTest::newRow("script var neither secret nor valued")
        << appFile(R"({"settings": {"script_vars": {"k": {"secret": false}}}})") << settings + u".script_vars.k"_s
        << u"a variable that is not secret needs its \"value\""_s;

    // Mappings.
    QTest::newRow("mappings not an array")
        << appFile(R"({"mappings": {}})") << dev + u".mappings"_s << u"expected an array, got an object"_s;
    QTest::newRow("mapping not an object")
        << appFile(R"({"mappings": ["users_identify"]})") << mapping0 << u"expected a mapping object, got a string"_s;
    QTest::newRow("bad action_type") << appFile(R"({"mappings": [{"event_type": "a", "action_type": "users_identfy",
                                     "action_parameters": {"id": "body.id"}}]})")
                                     << mapping0 + u".action_type"_s
                                     << u"expected one of users_identify, users_delete,"_s;
    QTest::newRow("bad action_type is quoted")
        << appFile(R"({"mappings": [{"event_type": "a", "action_type": "users_identfy"}]})")
        << mapping0 + u".action_type"_s << u"got 'users_identfy'"_s;
    QTest::newRow("missing event_type")
        << appFile(R"({"mappings": [{"action_type": "users_delete", "action_parameters": {"id": "body.id"}}]})")
        << mapping0 + u".event_type"_s << u"expected a non-empty string, got nothing"_s;
    QTest::newRow("unknown mapping field")
        << appFile(R"({"mappings": [{"event_type": "a", "action_type": "users_delete", "activ": true,
                                     "action_parameters": {"id": "body.id"}}]})")
        << mapping0 + u".activ"_s << u"unknown mapping field"_s;
    QTest::newRow("active not a boolean")
        << appFile(R"({"mappings": [{"event_type": "a", "action_type": "users_delete", "active": "yes",
                                     "action_parameters": {"id": "body.id"}}]})")
        << mapping0 + u".active"_s << u"expected true or false, got a string"_s;
    QTest::newRow("unknown parameter for an action")
        << appFile(R"({"mappings": [{"event_type": "a", "action_type": "users_identify",
                                     "action_parameters": {"id": "body.id", "user_id": "body.id"}}]})")
        << mapping0 + u".action_parameters.user_id"_s << u"'users_identify' has no parameter 'user_id'"_s;
    QTest::newRow("required parameter missing on an active mapping")
        << appFile(R"({"mappings": [{"event_type": "a", "action_type": "workflows_trigger",
                                     "action_parameters": {"key": "welcome", "data": "body"}}]})")
        << mapping0 + u".action_parameters"_s << u"required parameter 'recipients' of workflows_trigger is not set"_s;
    QTest::newRow("required parameter missing on the second mapping")
        << appFile(R"({"mappings": [{"event_type": "a", "action_type": "users_delete",
                                     "action_parameters": {"id": "body.id"}},
                                    {"event_type": "a", "action_type": "objects_set", "active": true,
                                     "action_parameters": {"id": "body.id"}}]})")
        << dev + u".mappings[1].action_parameters"_s << u"required parameter 'collection' of objects_set"_s;
    QTest::newRow("bad path syntax in a parameter")
        << appFile(R"({"mappings": [{"event_type": "a", "action_type": "users_identify",
                                     "action_parameters": {"id": "body.user["}}]})")
        << mapping0 + u".action_parameters.id"_s << u"path \"body.user[\""_s;
    QTest::newRow("unknown root in a parameter path")
        << appFile(R"({"mappings": [{"event_type": "a", "action_type": "users_identify",
                                     "action_parameters": {"id": "user.id"}}]})")
        << mapping0 + u".action_parameters.id"_s << u"unknown root \"user\""_s;
    QTest::newRow("bad path inside a parameter object")
        << appFile(R"({"mappings": [{"event_type": "a", "action_type": "users_identify",
                                     "action_parameters": {"id": {"path": "body..id", "default": "x"}}}]})")
        << mapping0 + u".action_parameters.id"_s << u"body..id"_s;
    QTest::newRow("parameter object with a typo")
        << appFile(R"({"mappings": [{"event_type": "a", "action_type": "users_identify",
                                     "action_parameters": {"id": {"path": "body.id", "defualt": "x"}}}]})")
        << mapping0 + u".action_parameters.id"_s << u"defualt"_s;
    QTest::newRow("action_parameters not an object")
        << appFile(R"({"mappings": [{"event_type": "a", "action_type": "users_identify",
                                     "action_parameters": ["body.id"]}]})")
        << mapping0 + u".action_parameters"_s << u"expected an object, got an array"_s;
    QTest::newRow("bad path in a condition")
        << appFile(R"({"mappings": [{"event_type": "a", "action_type": "users_delete",
                                     "action_parameters": {"id": "body.id"},
                                     "when": {"path": "body..x", "exists": true}}]})")
        << mapping0 + u".when"_s << u"body..x"_s;
}

void TestConfigFile::parseErrorNamesPathAndExpectation()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, path);
    QFETCH(QString, expected);

    QStringList errors;
    const auto config = parse(file, &errors);
    QVERIFY2(!config, "an invalid file was accepted");
    const QStringList atPath = errorsAt(errors, path);
    QVERIFY2(!atPath.isEmpty(), qPrintable(u"no error at %1; errors:\n%2"_s.arg(path, errors.join(u'\n'))));
    QVERIFY2(atPath.join(u'\n').contains(expected),
             qPrintable(u"expected '%1' in:\n%2"_s.arg(expected, atPath.join(u'\n'))));
}

void TestConfigFile::everyProblemIsReported()
{
    QStringList errors;
    const auto config = parse(R"({"version": 1, "sources": [
        {"key": "app", "environments": {"development": {"settings": {"idempotency_window_s": "1h"}}}},
        {"key": "crm", "environments": {"development": {"settings": {"enforce_verification": "no"}},
                                        "qa": {}}}]})",
                              &errors);
    QVERIFY(!config);
    QCOMPARE(errors.size(), 3);
    QCOMPARE(errorsAt(errors, u"$.sources[0].environments.development.settings.idempotency_window_s"_s).size(), 1);
    QCOMPARE(errorsAt(errors, u"$.sources[1].environments.development.settings.enforce_verification"_s).size(), 1);
    QCOMPARE(errorsAt(errors, u"$.sources[1].environments.qa"_s).size(), 1);
}

void TestConfigFile::requiredParameterMayBeMissingOnInactiveMapping()
{
    QStringList errors;
    const auto config = parse(appFile(R"({"mappings": [{"event_type": "invoice.paid",
                                                         "action_type": "workflows_trigger", "active": false,
                                                         "action_parameters": {"key": "welcome"}}]})"),
                              &errors);
    QVERIFY2(config, qPrintable(errors.join(u'\n')));
    const SourceConfig *sc = config->config(u"app"_s, u"development"_s);
    QVERIFY(sc);
    QCOMPARE(sc->mappings.size(), 1);
    QCOMPARE(sc->mappings.first().active, false);
    QCOMPARE(sc->mappings.first().parameters, QJsonObject({{u"key"_s, u"welcome"_s}}));

    // The same mapping switched on is refused.
    QVERIFY(!parse(appFile(R"({"mappings": [{"event_type": "invoice.paid", "action_type": "workflows_trigger",
                                             "active": true, "action_parameters": {"key": "welcome"}}]})")));
}

void TestConfigFile::environmentDeclaredInTheFileCanBeUsed()
{
    QStringList errors;
    const auto config = parse(R"({"version": 1,
        "environments": [{"key": "staging", "name": "Staging"}],
        "workflows": {"staging": ["welcome"]},
        "sources": [{"key": "app", "environments": {"staging": {}}}]})",
                              &errors);
    QVERIFY2(config, qPrintable(errors.join(u'\n')));
    QVERIFY(config->config(u"app"_s, u"staging"_s));
    QCOMPARE(config->workflows.value(u"staging"_s), QStringList{u"welcome"_s});
    QCOMPARE(config->environments.size(), 1);
    QCOMPARE(config->environments.first().name, u"Staging"_s);
}

void TestConfigFile::templateDefaultsApplyToOmittedSettings_data()
{
    QTest::addColumn<QString>("templateKey");
    QTest::addColumn<QByteArray>("config");
    for (const Template &t : TemplateRegistry::instance().all()) {
        QTest::addRow("%s, no settings", qPrintable(t.key)) << t.key << QByteArray("{}");
        QTest::addRow("%s, empty settings", qPrintable(t.key)) << t.key << QByteArray(R"({"settings": {}})");
    }
}

void TestConfigFile::templateDefaultsApplyToOmittedSettings()
{
    QFETCH(QString, templateKey);
    QFETCH(QByteArray, config);

    QStringList errors;
    const auto c = parse(templateFile(templateKey, config), &errors);
    QVERIFY2(c, qPrintable(errors.join(u'\n')));
    const SourceConfig *sc = c->config(u"src"_s, u"development"_s);
    QVERIFY(sc);
    const Template *t = TemplateRegistry::instance().find(templateKey);
    QCOMPARE(sc->settings.toJson(true), t->settings.toJson(true));
}

void TestConfigFile::customTemplateDefaults()
{
    QStringList errors;
    const auto c = parse(templateFile(u"custom"_s, "{}"), &errors);
    QVERIFY2(c, qPrintable(errors.join(u'\n')));
    const SourceSettings &s = c->config(u"src"_s, u"development"_s)->settings;
    QCOMPARE(s.verification.scheme, u"shared_header"_s);
    QCOMPARE(s.verification.effectiveHeader(), u"x-webhook-secret"_s);
    QCOMPARE(s.verification.secrets, QStringList());
    QCOMPARE(s.enforceVerification, true);
    QCOMPARE(s.eventTypePath, u"body.type"_s);
    QCOMPARE(s.timestampPath, QString());
    QCOMPARE(s.idempotencyKeyPath, QString()); // idempotency off
    QCOMPARE(s.idempotencyWindowS, 86400);
}

void TestConfigFile::givenSettingsOverrideOnlyThemselves()
{
    QStringList errors;
    const auto c = parse(templateFile(u"custom"_s, R"({"settings": {"idempotency_key_path": "body.id",
                                                        "verification": {"secrets": ["s1"]}}})"),
                         &errors);
    QVERIFY2(c, qPrintable(errors.join(u'\n')));
    const SourceSettings &s = c->config(u"src"_s, u"development"_s)->settings;
    QCOMPARE(s.idempotencyKeyPath, u"body.id"_s);
    QCOMPARE(s.verification.secrets, QStringList{u"s1"_s});
    // Everything else is still the template's.
    QCOMPARE(s.verification.scheme, u"shared_header"_s);
    QCOMPARE(s.verification.effectiveHeader(), u"x-webhook-secret"_s);
    QCOMPARE(s.enforceVerification, true);
    QCOMPARE(s.eventTypePath, u"body.type"_s);
    QCOMPARE(s.idempotencyWindowS, 86400);
}

void TestConfigFile::absentMappingsTakeTemplateDefaults_data()
{
    QTest::addColumn<QString>("templateKey");
    for (const Template &t : TemplateRegistry::instance().all())
        QTest::newRow(qPrintable(t.key)) << t.key;
}

void TestConfigFile::absentMappingsTakeTemplateDefaults()
{
    QFETCH(QString, templateKey);
    QStringList errors;
    const auto c = parse(templateFile(templateKey, R"({"settings": {}})"), &errors);
    QVERIFY2(c, qPrintable(errors.join(u'\n')));
    const QList<MappingConfig> &mappings = c->config(u"src"_s, u"development"_s)->mappings;
    const QJsonArray defaults = TemplateRegistry::instance().find(templateKey)->defaultMappings;
    QCOMPARE(mappings.size(), defaults.size());
    for (qsizetype i = 0; i < defaults.size(); ++i) {
        const QJsonObject d = defaults.at(i).toObject();
        QCOMPARE(mappings.at(i).eventType, d.value(u"event_type"_s).toString());
        QCOMPARE(actiontypes::name(mappings.at(i).actionType), d.value(u"action_type"_s).toString());
        QCOMPARE(mappings.at(i).parameters, d.value(u"action_parameters"_s).toObject());
        QCOMPARE(mappings.at(i).active, d.value(u"active"_s).toBool(true));
    }
}

void TestConfigFile::emptyMappingsMeanNone_data()
{
    QTest::addColumn<QString>("templateKey");
    for (const Template &t : TemplateRegistry::instance().all())
        QTest::newRow(qPrintable(t.key)) << t.key;
}

void TestConfigFile::emptyMappingsMeanNone()
{
    QFETCH(QString, templateKey);
    QStringList errors;
    const auto c = parse(templateFile(templateKey, R"({"mappings": []})"), &errors);
    QVERIFY2(c, qPrintable(errors.join(u'\n')));
    QVERIFY(c->config(u"src"_s, u"development"_s)->mappings.isEmpty());

    // And stays none through the database: an export says [] again.
    ConfigTestDatabase db;
    QVERIFY2(db.openError().isEmpty(), qPrintable(db.openError()));
    const QStringList problems = db.import(templateFile(templateKey, R"({"mappings": []})"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(db.storedConfig(u"src"_s, u"development"_s).value(u"mappings"_s), QJsonValue(QJsonArray()));
}

void TestConfigFile::applyGeneratesTokenWhenAbsent()
{
    ConfigTestDatabase db;
    QVERIFY2(db.openError().isEmpty(), qPrintable(db.openError()));
    const QStringList problems = db.import(R"({"version": 1, "sources": [{"key": "app", "template": "custom",
        "environments": {"development": {"mappings": []}, "production": {"mappings": []}}}]})");
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

    static const QRegularExpression urlSafe(u"^[A-Za-z0-9_-]{20,}$"_s);
    const QString dev = db.storedToken(u"app"_s, u"development"_s);
    const QString prod = db.storedToken(u"app"_s, u"production"_s);
    QVERIFY2(urlSafe.match(dev).hasMatch(), qPrintable(dev));
    QVERIFY2(urlSafe.match(prod).hasMatch(), qPrintable(prod));
    QVERIFY(dev != prod);
    // The export carries it, so the ingest URL survives a round trip.
    const QJsonObject exported = db.exportJson(false);
    QCOMPARE(exported.value(u"sources"_s)[0][u"environments"_s][u"development"_s][u"token"_s].toString(), dev);
}

void TestConfigFile::reimportKeepsStoredToken()
{
    ConfigTestDatabase db;
    QVERIFY2(db.openError().isEmpty(), qPrintable(db.openError()));
    const QByteArray withoutToken = appFile(R"({"mappings": []})");
    QStringList problems = db.import(withoutToken);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    const QString generated = db.storedToken(u"app"_s, u"development"_s);
    QVERIFY(!generated.isEmpty());

    problems = db.import(withoutToken);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(db.storedToken(u"app"_s, u"development"_s), generated);

    // A token the file names replaces it.
    problems = db.import(appFile(R"({"token": "tok_chosen_by_admin", "mappings": []})"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(db.storedToken(u"app"_s, u"development"_s), u"tok_chosen_by_admin"_s);
    problems = db.import(withoutToken);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(db.storedToken(u"app"_s, u"development"_s), u"tok_chosen_by_admin"_s);
}

void TestConfigFile::keyTemplatesGetKeysThatSurviveReimport_data()
{
    QTest::addColumn<QString>("templateKey");
    QTest::addColumn<QString>("setting"); // write_key | api_key
    int rows = 0;
    for (const Template &t : TemplateRegistry::instance().all()) {
        if (t.authentication != u"token"_s) {
            QTest::newRow(qPrintable(t.key)) << t.key << t.authentication;
            ++rows;
        }
    }
    if (rows == 0)
        QSKIP("no key-authenticated template is built in");
}

void TestConfigFile::keyTemplatesGetKeysThatSurviveReimport()
{
    QFETCH(QString, templateKey);
    QFETCH(QString, setting);

    ConfigTestDatabase db;
    QVERIFY2(db.openError().isEmpty(), qPrintable(db.openError()));
    const QByteArray file = templateFile(templateKey, "{}");
    QStringList problems = db.import(file);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    const QString key =
        db.scalar(u"SELECT %1 FROM source_configs WHERE source = 'src' AND env = 'development'"_s.arg(setting))
            .toString();
    // Jitsu's SDKs refuse a key without a secret part: "id:secret".
    const bool pair = TemplateRegistry::instance().find(templateKey)->writeKeyFormat == u"id:secret"_s;
    QVERIFY2(QRegularExpression(pair ? u"^[A-Za-z0-9_-]{20,}:[A-Za-z0-9_-]{20,}$"_s : u"^[A-Za-z0-9_-]{20,}$"_s)
                 .match(key)
                 .hasMatch(),
             qPrintable(key));

    // A key is a secret: only an export with secrets has it.
    QVERIFY(!db.exportText(false).contains(key.toUtf8()));
    QCOMPARE(db.exportJson(true)
                 .value(u"sources"_s)[0][u"environments"_s][u"development"_s][u"settings"_s][setting]
                 .toString(),
             key);

    // Re-importing the file, or an export without secrets, keeps it.
    problems = db.import(file);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    problems = db.import(db.exportText(false));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(db.scalar(u"SELECT %1 FROM source_configs WHERE source = 'src'"_s.arg(setting)).toString(), key);
}

void TestConfigFile::importWithoutSecretsKeepsStoredSecrets_data()
{
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<QStringList>("secrets");

    const QStringList kept{u"s1"_s, u"s1-next"_s};
    QTest::newRow("no settings") << QByteArray(R"({"mappings": []})") << kept;
    QTest::newRow("settings without verification")
        << QByteArray(R"({"settings": {"idempotency_window_s": 60}, "mappings": []})") << kept;
    QTest::newRow("verification without secrets")
        << QByteArray(R"({"settings": {"verification": {"header": "x-app-secret"}}, "mappings": []})") << kept;
    QTest::newRow("other scheme without secrets")
        << QByteArray(R"({"settings": {"verification": {"scheme": "bearer"}}, "mappings": []})") << kept;
    QTest::newRow("secrets given replace them")
        << QByteArray(R"({"settings": {"verification": {"secrets": ["s2", "s3"]}}})") << QStringList{u"s2"_s, u"s3"_s};
    QTest::newRow("one secret given replaces them")
        << QByteArray(R"({"settings": {"verification": {"secret": "s9"}}})") << QStringList{u"s9"_s};
    QTest::newRow("explicit empty list clears them")
        << QByteArray(R"({"settings": {"verification": {"secrets": []}}})") << QStringList();
    QTest::newRow("an empty secret clears them")
        << QByteArray(R"({"settings": {"verification": {"secret": ""}}})") << QStringList();
}

void TestConfigFile::importWithoutSecretsKeepsStoredSecrets()
{
    QFETCH(QByteArray, second);
    QFETCH(QStringList, secrets);

    ConfigTestDatabase db;
    QVERIFY2(db.openError().isEmpty(), qPrintable(db.openError()));
    QStringList problems = db.import(appFile(R"({"token": "tok_app_dev_0001",
        "settings": {"verification": {"secrets": ["s1", "s1-next"]}}, "mappings": []})"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

    problems = db.import(appFile(second));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QString error;
    const auto loaded = db.repository().load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->config(u"app"_s, u"development"_s)->settings.verification.secrets, secrets);
}

void TestConfigFile::exportHasSecretsOnlyWhenAsked()
{
    ConfigTestDatabase db;
    QVERIFY2(db.openError().isEmpty(), qPrintable(db.openError()));
    const QStringList problems = db.import(kRichFile);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

    const QByteArray without = db.exportText(false);
    QVERIFY2(!without.contains("dev-secret-1") && !without.contains("staging-secret"), without.constData());
    QVERIFY2(!without.contains("\"secrets\""), without.constData());
    QVERIFY2(!without.contains("dev-var-secret"), without.constData());
    QCOMPARE(db.exportJson(false)
                 .value(u"sources"_s)[1][u"environments"_s][u"development"_s][u"settings"_s][u"script_vars"_s]
                 .toObject(),
             parseObject(R"({"region": "eu", "signing_key": {"secret": true}})"));

    const QByteArray with = db.exportText(true);
    for (const char *secret : {"dev-secret-1", "dev-secret-2", "staging-secret", "dev-var-secret"})
        QVERIFY2(with.contains(secret), secret);
    const QJsonObject dev =
        db.exportJson(true)
            .value(u"sources"_s)[1][u"environments"_s][u"development"_s][u"settings"_s][u"verification"_s]
            .toObject();
    QCOMPARE(dev.value(u"secrets"_s).toArray(), QJsonArray({u"dev-secret-1"_s, u"dev-secret-2"_s}));
    QCOMPARE(dev.value(u"header"_s).toString(), u"x-shop-hmac"_s); // header names are case-insensitive
}

void TestConfigFile::scriptVars_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second"); // imported over `first` when not empty
    QTest::addColumn<QJsonObject>("vars");  // what scripts see
    QTest::addColumn<QStringList>("secret");
    QTest::addColumn<QJsonObject>("exported"); // without secrets
    QTest::addColumn<QJsonObject>("exportedWithSecrets");

    const QByteArray withSecret =
        R"({"settings": {"script_vars": {"region": "eu", "key": {"value": "v-s3cret", "secret": true}}}})";
    QTest::newRow("plain values") << QByteArray(R"({"settings": {"script_vars": {"region": "eu", "n": 3}}})")
                                  << QByteArray() << parseObject(R"({"region": "eu", "n": 3})") << QStringList()
                                  << parseObject(R"({"region": "eu", "n": 3})")
                                  << parseObject(R"({"region": "eu", "n": 3})");
    QTest::newRow("secret value") << withSecret << QByteArray() << parseObject(R"({"region": "eu", "key": "v-s3cret"})")
                                  << QStringList{u"key"_s}
                                  << parseObject(R"({"region": "eu", "key": {"secret": true}})")
                                  << parseObject(R"({"region": "eu", "key": {"secret": true, "value": "v-s3cret"}})");
    QTest::newRow("secret without value keeps the stored one")
        << withSecret << QByteArray(R"({"settings": {"script_vars": {"region": "us", "key": {"secret": true}}}})")
        << parseObject(R"({"region": "us", "key": "v-s3cret"})") << QStringList{u"key"_s}
        << parseObject(R"({"region": "us", "key": {"secret": true}})")
        << parseObject(R"({"region": "us", "key": {"secret": true, "value": "v-s3cret"}})");
    QTest::newRow("secret given again replaces it")
        << withSecret << QByteArray(R"({"settings": {"script_vars": {"key": {"value": [1, 2], "secret": true}}}})")
        << parseObject(R"({"key": [1, 2]})") << QStringList{u"key"_s} << parseObject(R"({"key": {"secret": true}})")
        << parseObject(R"({"key": {"secret": true, "value": [1, 2]}})");
    QTest::newRow("secret left out is dropped")
        << withSecret << QByteArray(R"({"settings": {"script_vars": {"region": "eu"}}})")
        << parseObject(R"({"region": "eu"})") << QStringList() << parseObject(R"({"region": "eu"})")
        << parseObject(R"({"region": "eu"})");
    QTest::newRow("secret made plain") << withSecret
                                       << QByteArray(R"({"settings": {"script_vars": {"key": "visible"}}})")
                                       << parseObject(R"({"key": "visible"})") << QStringList()
                                       << parseObject(R"({"key": "visible"})") << parseObject(R"({"key": "visible"})");
    QTest::newRow("secret without value, none stored")
        << QByteArray(R"({"settings": {"script_vars": {"key": {"secret": true}}}})") << QByteArray() << QJsonObject()
        << QStringList{u"key"_s} << parseObject(R"({"key": {"secret": true}})")
        << parseObject(R"({"key": {"secret": true}})");
    QTest::newRow("wrapper that is not secret is plain")
        << QByteArray(R"({"settings": {"script_vars": {"n": {"value": 5, "secret": false}}}})") << QByteArray()
        << parseObject(R"({"n": 5})") << QStringList() << parseObject(R"({"n": 5})") << parseObject(R"({"n": 5})");
    QTest::newRow("plain object shaped like a wrapper stays plain")
        << QByteArray(R"({"settings": {"script_vars": {"w": {"value": {"secret": true}, "secret": false}}}})")
        << QByteArray() << parseObject(R"({"w": {"secret": true}})") << QStringList()
        << parseObject(R"({"w": {"value": {"secret": true}, "secret": false}})")
        << parseObject(R"({"w": {"value": {"secret": true}, "secret": false}})");
    QTest::newRow("object with a secret that is not a bool is plain")
        << QByteArray(R"({"settings": {"script_vars": {"o": {"secret": "yes"}}}})") << QByteArray()
        << parseObject(R"({"o": {"secret": "yes"}})") << QStringList() << parseObject(R"({"o": {"secret": "yes"}})")
        << parseObject(R"({"o": {"secret": "yes"}})");
}

void TestConfigFile::scriptVars()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(QJsonObject, vars);
    QFETCH(QStringList, secret);
    QFETCH(QJsonObject, exported);
    QFETCH(QJsonObject, exportedWithSecrets);

    ConfigTestDatabase db;
    QVERIFY2(db.openError().isEmpty(), qPrintable(db.openError()));
    QStringList problems = db.import(appFile(first));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    if (!second.isEmpty()) {
        problems = db.import(appFile(second));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
    QString error;
    const auto loaded = db.repository().load(&error);
    QVERIFY2(loaded, qPrintable(error));
    const SourceSettings &settings = loaded->config(u"app"_s, u"development"_s)->settings;
    QCOMPARE(settings.scriptVars, vars);
    QCOMPARE(settings.secretScriptVars, secret);

    const auto varsOf = [&](bool includeSecrets) {
        return db.exportJson(includeSecrets)
            .value(u"sources"_s)[0][u"environments"_s][u"development"_s][u"settings"_s][u"script_vars"_s]
            .toObject();
    };
    QCOMPARE(varsOf(false), exported);
    QCOMPARE(varsOf(true), exportedWithSecrets);

    // The export without secrets re-imports to the same variables.
    problems = db.import(db.exportText(false));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(db.repository().load(&error)->config(u"app"_s, u"development"_s)->settings.scriptVars, vars);
}

void TestConfigFile::exportImportExportIsStable()
{
    ConfigTestDatabase first;
    QVERIFY2(first.openError().isEmpty(), qPrintable(first.openError()));
    QStringList problems = first.import(kRichFile);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    const QByteArray exported = first.exportText(true);

    // Everything of the file is in the export.
    const QJsonObject root = parseObject(exported);
    QCOMPARE(root.value(u"version"_s).toInt(), 1);
    QCOMPARE(root.value(u"environments"_s).toArray().size(), 3);
    QCOMPARE(root.value(u"workflows"_s)[u"development"_s].toArray(), QJsonArray({u"invoice-paid"_s, u"welcome"_s}));
    const QJsonObject shopDev = root.value(u"sources"_s)[1][u"environments"_s][u"development"_s].toObject();
    QCOMPARE(shopDev.value(u"token"_s).toString(), u"tok_dev_shop_0001"_s);
    QCOMPARE(shopDev.value(u"settings"_s)[u"timestamp_path"_s].toString(), u"body.created"_s);
    QCOMPARE(shopDev.value(u"settings"_s)[u"idempotency_window_s"_s].toInt(), 3600);
    QCOMPARE(shopDev.value(u"settings"_s)[u"script_vars"_s].toObject(),
             parseObject(R"({"region": "eu", "signing_key": {"secret": true, "value": "dev-var-secret"}})"));
    QCOMPARE(shopDev.value(u"mappings"_s).toArray().size(), 2);
    QCOMPARE(shopDev.value(u"mappings"_s)[0][u"when"_s].toObject(),
             QJsonObject({{u"path"_s, u"body.test"_s}, {u"exists"_s, false}}));
    QCOMPARE(shopDev.value(u"mappings"_s)[1][u"active"_s].toBool(true), false);

    // Into a new database and out again: the same text.
    ConfigTestDatabase second;
    QVERIFY2(second.openError().isEmpty(), qPrintable(second.openError()));
    problems = second.import(exported);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(second.exportText(true), exported);

    // Re-imported over itself: still the same.
    problems = first.import(exported);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(first.exportText(true), exported);

    // And the parse/toJson pair alone is stable too.
    QStringList errors;
    const auto parsed = parse(exported, &errors);
    QVERIFY2(parsed, qPrintable(errors.join(u'\n')));
    QCOMPARE(QJsonDocument(parsed->toJson(true)).toJson(QJsonDocument::Indented), exported);
}

void TestConfigFile::exportWithoutSecretsReimportsSafely()
{
    ConfigTestDatabase db;
    QVERIFY2(db.openError().isEmpty(), qPrintable(db.openError()));
    QStringList problems = db.import(kRichFile);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    const QByteArray withSecrets = db.exportText(true);

    problems = db.import(db.exportText(false));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(db.exportText(true), withSecrets);
}

void TestConfigFile::exportOfOneEnvironment()
{
    ConfigTestDatabase db;
    QVERIFY2(db.openError().isEmpty(), qPrintable(db.openError()));
    const QStringList problems = db.import(kRichFile);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

    const QJsonObject staging = db.exportJson(true, u"staging"_s);
    QCOMPARE(staging.value(u"environments"_s).toArray(),
             QJsonArray({QJsonObject{{u"key"_s, u"staging"_s}, {u"name"_s, u"Staging"_s}}}));
    QCOMPARE(staging.value(u"workflows"_s).toObject().keys(), QStringList{u"staging"_s});
    for (const QJsonValue &source : staging.value(u"sources"_s).toArray()) {
        const QStringList envs = source[u"environments"_s].toObject().keys();
        QVERIFY2(envs.isEmpty() || envs == QStringList{u"staging"_s}, qPrintable(envs.join(u", "_s)));
    }
    QVERIFY(!QJsonDocument(staging).toJson().contains("dev-secret-1"));
}

void TestConfigFile::failedImportChangesNothing_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("expected");

    // The first source would change `app`, the workflows and add an
    // environment; the second one is what fails.
    const QByteArray head = R"({"version": 1,
        "environments": [{"key": "qa", "name": "QA"}],
        "workflows": {"development": ["other"]},
        "sources": [
          {"key": "app", "name": "Renamed", "template": "custom",
           "environments": {"development": {"settings": {"verification": {"secrets": ["new-secret"]}},
                                            "mappings": [{"event_type": "x", "action_type": "users_delete",
                                                          "action_parameters": {"id": "body.id"}}]},
                            "production": {}}},
          )";
    QTest::newRow("second source has a bad setting")
        << QByteArray(head + R"({"key": "crm", "environments": {"development":
                                    {"settings": {"idempotency_window_s": "1 day"}}}}]})")
        << u"$.sources[1].environments.development.settings.idempotency_window_s"_s;
    QTest::newRow("second source has an unknown template")
        << QByteArray(head + R"({"key": "crm", "template": "nope"}]})") << u"$.sources[1].template"_s;
    QTest::newRow("second source's token belongs to a stored source")
        << QByteArray(head + R"({"key": "crm", "environments": {"development": {"token": "tok_keep_0001"}}}]})")
        << u"already used by another source configuration"_s;
}

void TestConfigFile::failedImportChangesNothing()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, expected);

    ConfigTestDatabase db;
    QVERIFY2(db.openError().isEmpty(), qPrintable(db.openError()));
    QStringList problems = db.import(R"({"version": 1, "workflows": {"development": ["welcome"]},
        "sources": [
          {"key": "app", "template": "custom", "environments": {"development": {"token": "tok_app_0001",
             "settings": {"verification": {"secrets": ["old-secret"]}}, "mappings": []}}},
          {"key": "keep", "template": "custom", "environments": {"production": {"token": "tok_keep_0001"}}}]})");
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    const QString before = db.configurationDump();
    const QByteArray exportBefore = db.exportText(true);

    problems = db.import(file);
    QVERIFY2(!problems.isEmpty(), "the file was accepted");
    QVERIFY2(problems.join(u'\n').contains(expected), qPrintable(problems.join(u'\n')));
    QCOMPARE(db.configurationDump(), before);
    QCOMPARE(db.exportText(true), exportBefore);
}

void TestConfigFile::workflowsAreReplacedPerEnvironment()
{
    ConfigTestDatabase db;
    QVERIFY2(db.openError().isEmpty(), qPrintable(db.openError()));
    QStringList problems =
        db.import(R"({"version": 1, "workflows": {"development": ["a", "b"], "production": ["c"]}})");
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(db.workflowKeys(u"development"_s), (QStringList{u"a"_s, u"b"_s}));
    QCOMPARE(db.workflowKeys(u"production"_s), QStringList{u"c"_s});

    // development's list is replaced, production's untouched.
    problems = db.import(R"({"version": 1, "workflows": {"development": ["b", "d", "d"]}})");
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(db.workflowKeys(u"development"_s), (QStringList{u"b"_s, u"d"_s}));
    QCOMPARE(db.workflowKeys(u"production"_s), QStringList{u"c"_s});

    // An empty list empties it; a file without workflows leaves them alone.
    problems = db.import(R"({"version": 1, "workflows": {"production": []}})");
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(db.workflowKeys(u"production"_s), QStringList());
    QCOMPARE(db.workflowKeys(u"development"_s), (QStringList{u"b"_s, u"d"_s}));
    problems = db.import(R"({"version": 1})");
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(db.workflowKeys(u"development"_s), (QStringList{u"b"_s, u"d"_s}));
}

void TestConfigFile::sourcesNotNamedInTheFileAreKept()
{
    ConfigTestDatabase db;
    QVERIFY2(db.openError().isEmpty(), qPrintable(db.openError()));
    QStringList problems = db.import(appFile(R"({"token": "tok_app_0001", "mappings": []})"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    problems = db.import(R"({"version": 1, "sources": [{"key": "crm", "template": "custom",
                                "environments": {"production": {"token": "tok_crm_0001"}}}]})");
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(db.storedToken(u"app"_s, u"development"_s), u"tok_app_0001"_s);
    QCOMPARE(db.storedToken(u"crm"_s, u"production"_s), u"tok_crm_0001"_s);
    QCOMPARE(db.scalar(u"SELECT count(*) FROM sources"_s).toInt(), 2);
}

QTEST_GUILESS_MAIN(TestConfigFile)
#include "test_config_file.moc"
