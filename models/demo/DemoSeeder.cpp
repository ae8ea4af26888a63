#include "models/demo/DemoSeeder.h"

#include "config/TemplateRegistry.h"
#include "mapping/ValueSpecKeys.h"
#include "models/app/Workspace.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

const QString kBillingToken = u"demo_billing_token_0000000001"_s;
const QString kAuthToken = u"demo_auth_token_00000000000001"_s;
const QByteArray kSecret = "demo-shared-secret";

QJsonObject mapping(const QString &type, const QString &action, const QJsonObject &params)
{
    return {{u"event_type"_s, type}, {u"action_type"_s, action}, {u"active"_s, true}, {u"action_parameters"_s, params}};
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

DemoSeeder::DemoSeeder(Workspace *workspace, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_network(new QNetworkAccessManager(this))
{}

bool DemoSeeder::configure(QString *error)
{
    const QString env = environment();
    const QJsonObject billingSettings{
        {u"event_type_path"_s, u"body.type"_s},
        {u"timestamp_path"_s, u"body.created"_s},
        {u"idempotency_key_path"_s, u"body.id"_s},
        {u"enforce_verification"_s, true},
        {u"verification"_s, QJsonObject{{u"scheme"_s, u"shared_header"_s},
                                        {u"header"_s, u"x-webhook-secret"_s},
                                        {u"secrets"_s, QJsonArray{QString::fromLatin1(kSecret)}}}}};
    const QJsonArray billingMappings{
        mapping(u"customer.created"_s, u"users_identify"_s,
                {{u"id"_s, u"body.data.object.id"_s},
                 {u"email"_s, u"body.data.object.email"_s},
                 {u"name"_s, u"body.data.object.name"_s},
                 {u"properties"_s, u"body.data.object.metadata"_s}}),
        mapping(u"invoice.paid"_s, u"workflows_trigger"_s,
                {{u"key"_s, u"invoice-paid"_s},
                 {u"recipients"_s, u"body.data.object.customer"_s},
                 {u"data"_s, u"body.data.object"_s}}),
        // Names a workflow the environment lacks: its actions fail, on purpose.
        mapping(u"invoice.created"_s, u"workflows_trigger"_s,
                {{u"key"_s, u"invoice-created"_s},
                 {u"recipients"_s, u"body.data.object.customer"_s},
                 {u"data"_s, u"body.data.object"_s}}),
    };
    const QJsonObject authSettings{{u"event_type_path"_s, u"body.type"_s},
                                   {u"idempotency_key_path"_s, u"headers.svix-id"_s},
                                   {u"enforce_verification"_s, false},
                                   {u"verification"_s, QJsonObject{{u"scheme"_s, u"none"_s}}}};
    const QJsonArray authMappings{
        mapping(u"user.created"_s, u"users_identify"_s,
                {{u"id"_s, u"body.data.id"_s},
                 {u"email"_s, u"body.data.email_addresses[0].email_address"_s},
                 {u"name"_s,
                  QJsonObject{{valuespec::templateKey, u"{{body.data.first_name}} {{body.data.last_name}}"_s}}}}),
        mapping(u"organization.created"_s, u"tenants_set"_s,
                {{u"id"_s, u"body.data.id"_s}, {u"name"_s, u"body.data.name"_s}}),
        mapping(u"organizationMembership.created"_s, u"audiences_add_member"_s,
                {{u"key"_s, u"members"_s},
                 {u"users"_s, u"body.data.public_user_data.user_id"_s},
                 {u"tenant"_s, u"body.data.organization.id"_s}}),
    };
    const QJsonObject file{
        {u"version"_s, 1},
        {u"environments"_s, QJsonArray{QJsonObject{{u"key"_s, env}, {u"name"_s, u"Demo"_s}}}},
        {u"workflows"_s, QJsonObject{{env, QJsonArray{u"invoice-paid"_s, u"welcome"_s}}}},
        {u"sources"_s,
         QJsonArray{QJsonObject{{u"key"_s, u"billing"_s},
                                {u"name"_s, u"Billing"_s},
                                {u"template"_s, u"custom"_s},
                                {u"environments"_s, QJsonObject{{env, QJsonObject{{u"token"_s, kBillingToken},
                                                                                  {u"settings"_s, billingSettings},
                                                                                  {u"mappings"_s, billingMappings}}}}}},
                    QJsonObject{{u"key"_s, u"auth"_s},
                                {u"name"_s, u"Auth"_s},
                                {u"template"_s, u"custom"_s},
                                {u"environments"_s, QJsonObject{{env, QJsonObject{{u"token"_s, kAuthToken},
                                                                                  {u"settings"_s, authSettings},
                                                                                  {u"mappings"_s, authMappings}}}}}}}}};
    ConfigErrors errors;
    QSet<QString> known;
    for (const Environment &e : m_workspace->environments())
        known.insert(e.key);
    std::optional<Configuration> config = Configuration::fromJson(file, TemplateRegistry::instance(), known, errors);
    if (!config) {
        if (error)
            *error = errors.joined();
        return false;
    }
    if (!m_workspace->apply(*config, error))
        return false;
    m_workspace->setEnvironment(env);
    return true;
}

void DemoSeeder::sendTraffic()
{
    const QString billing = m_workspace->ingestUrl(kBillingToken);
    const QString auth = m_workspace->ingestUrl(kAuthToken);
    const QList<std::pair<QByteArray, QByteArray>> signedHeaders = {{"x-webhook-secret", kSecret}};
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QStringList names = {u"Ada Lovelace"_s, u"Grace Hopper"_s, u"Alan Turing"_s, u"Katherine Johnson"_s,
                               u"Edsger Dijkstra"_s};
    for (int i = 0; i < names.size(); ++i) {
        const QString customer = u"cus_demo%1"_s.arg(i + 1);
        const QString email = names.at(i).section(u' ', 0, 0).toLower() + u"@example.com"_s;
        post(billing,
             json({{u"id"_s, u"evt_cust_%1"_s.arg(i + 1)},
                   {u"type"_s, u"customer.created"_s},
                   {u"created"_s, now - 600 + i},
                   {u"data"_s,
                    QJsonObject{{u"object"_s, QJsonObject{{u"id"_s, customer},
                                                          {u"email"_s, email},
                                                          {u"name"_s, names.at(i)},
                                                          {u"metadata"_s, QJsonObject{{u"plan"_s, u"pro"_s}}}}}}}}),
             signedHeaders);
    }
    for (int i = 0; i < 8; ++i) {
        const QJsonObject invoice{
            {u"id"_s, u"in_demo%1"_s.arg(i + 1)},
            {u"customer"_s, u"cus_demo%1"_s.arg(i % 5 + 1)},
            {u"amount_paid"_s, 1500 + 250 * i},
            {u"currency"_s, u"eur"_s},
            {u"number"_s, u"INV-%1"_s.arg(1000 + i)},
            {u"lines"_s, QJsonArray{QJsonObject{{u"description"_s, u"Pro plan"_s}, {u"amount"_s, 1500 + 250 * i}}}}};
        post(billing,
             json({{u"id"_s, u"evt_paid_%1"_s.arg(i + 1)},
                   {u"type"_s, u"invoice.paid"_s},
                   {u"created"_s, now - 300 + i},
                   {u"data"_s, QJsonObject{{u"object"_s, invoice}}}}),
             signedHeaders);
        if (i < 2)
            post(billing,
                 json({{u"id"_s, u"evt_created_%1"_s.arg(i + 1)},
                       {u"type"_s, u"invoice.created"_s},
                       {u"created"_s, now - 320 + i},
                       {u"data"_s, QJsonObject{{u"object"_s, invoice}}}}),
                 signedHeaders);
    }
    // A redelivery (idempotent), an unmapped type, a bad secret and broken JSON.
    post(billing,
         json({{u"id"_s, u"evt_paid_1"_s},
               {u"type"_s, u"invoice.paid"_s},
               {u"created"_s, now - 300},
               {u"data"_s,
                QJsonObject{{u"object"_s, QJsonObject{{u"id"_s, u"in_demo1"_s}, {u"customer"_s, u"cus_demo1"_s}}}}}}),
         signedHeaders);
    // In Stripe's own member order (not sorted): the log shows bodies as sent.
    post(billing, "{\"id\":\"evt_refund_1\",\"object\":\"event\",\"type\":\"charge.refunded\",\"data\":{}}",
         signedHeaders);
    post(billing, json({{u"id"_s, u"evt_forged"_s}, {u"type"_s, u"invoice.paid"_s}}),
         {{"x-webhook-secret", "wrong-secret"}});
    post(billing, "{\"type\": \"invoice.paid\", ", signedHeaders);

    const QStringList users = {u"Ada"_s, u"Grace"_s, u"Alan"_s, u"Katherine"_s};
    for (int i = 0; i < users.size(); ++i) {
        post(auth,
             json({{u"type"_s, u"user.created"_s},
                   {u"object"_s, u"event"_s},
                   {u"data"_s,
                    QJsonObject{{u"id"_s, u"user_%1"_s.arg(i + 1)},
                                {u"first_name"_s, users.at(i)},
                                {u"last_name"_s, u"Demo"_s},
                                {u"email_addresses"_s,
                                 QJsonArray{QJsonObject{
                                     {u"email_address"_s, QString(users.at(i).toLower() + u"@example.org"_s)}}}}}}}),
             {{"svix-id", "msg_user_" + QByteArray::number(i + 1)}});
    }
    post(auth,
         json({{u"type"_s, u"organization.created"_s},
               {u"data"_s, QJsonObject{{u"id"_s, u"org_acme"_s}, {u"name"_s, u"Acme Inc."_s}}}}),
         {{"svix-id", "msg_org_1"}});
    post(auth,
         json({{u"type"_s, u"organizationMembership.created"_s},
               {u"data"_s, QJsonObject{{u"organization"_s, QJsonObject{{u"id"_s, u"org_acme"_s}}},
                                       {u"public_user_data"_s, QJsonObject{{u"user_id"_s, u"user_1"_s}}}}}}),
         {{"svix-id", "msg_member_1"}});
    post(auth, json({{u"type"_s, u"session.created"_s}, {u"data"_s, QJsonObject{{u"id"_s, u"sess_1"_s}}}}),
         {{"svix-id", "msg_session_1"}});
}

void DemoSeeder::post(const QString &url, const QByteArray &body,
                      const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request{QUrl(url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    ++m_total;
    QNetworkReply *reply = m_network->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        // 4xx are expected for the deliberately bad requests.
        if (reply->error() != QNetworkReply::NoError &&
            reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 0)
            ++m_failed;
        if (++m_done == m_total)
            Q_EMIT finished(m_total, m_failed);
    });
}

} // namespace inlet
