#include "models/sources/SourceSettingsDocument.h"

#include "models/sources/SetSettingCommand.h"

#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

SourceSettingsDocument::SourceSettingsDocument(QObject *parent)
    : QObject(parent)
{}

void SourceSettingsDocument::load(const SourceConfig &config)
{
    m_loaded = config;
    m_config = config;
    m_undo.clear();
    Q_EMIT reset();
}

SourceConfig SourceSettingsDocument::edited() const
{
    SourceConfig sc = m_config;
    SourceSettings &s = sc.settings;
    s.verification.header = s.verification.header.trimmed().toLower();
    s.verification.secrets.removeAll(QString());
    // The form lists every secret: one removed (rotation) must go.
    s.verification.secretsGiven = true;
    s.eventTypePath = s.eventTypePath.trimmed();
    s.timestampPath = s.timestampPath.trimmed();
    s.idempotencyKeyPath = s.idempotencyKeyPath.trimmed();
    s.preprocessScript = s.preprocessScript.trimmed();
    // A secret var listed without its value is kept by ConfigRepository::apply.
    setVars(s, vars(s));
    return sc;
}

QVariant SourceSettingsDocument::value(Field field) const
{
    const SourceSettings &s = m_config.settings;
    switch (field) {
    case Token:
        return m_config.token;
    case Scheme:
        return s.verification.scheme;
    case Header:
        return s.verification.header;
    case Secrets:
        return s.verification.secrets;
    case Tolerance:
        return s.verification.toleranceS;
    case Enforce:
        return s.enforceVerification;
    case EventTypePath:
        return s.eventTypePath;
    case TimestampPath:
        return s.timestampPath;
    case IdempotencyPath:
        return s.idempotencyKeyPath;
    case Window:
        return s.idempotencyWindowS;
    case Script:
        return s.preprocessScript;
    case Vars:
        return vars(s);
    case FieldCount:
        break;
    }
    return {};
}

void SourceSettingsDocument::set(Field field, const QVariant &value)
{
    const QVariant before = this->value(field);
    if (before == value)
        return;
    const bool text = value.typeId() == QMetaType::QString && field != Token && field != Scheme;
    m_undo.push(new SetSettingCommand(this, field, before, value, text));
}

void SourceSettingsDocument::apply(Field field, const QVariant &value)
{
    SourceSettings &s = m_config.settings;
    switch (field) {
    case Token:
        m_config.token = value.toString();
        break;
    case Scheme:
        s.verification.scheme = value.toString();
        break;
    case Header:
        s.verification.header = value.toString();
        break;
    case Secrets:
        s.verification.secrets = value.toStringList();
        break;
    case Tolerance:
        s.verification.toleranceS = value.toInt();
        break;
    case Enforce:
        s.enforceVerification = value.toBool();
        break;
    case EventTypePath:
        s.eventTypePath = value.toString();
        break;
    case TimestampPath:
        s.timestampPath = value.toString();
        break;
    case IdempotencyPath:
        s.idempotencyKeyPath = value.toString();
        break;
    case Window:
        s.idempotencyWindowS = value.toLongLong();
        break;
    case Script:
        s.preprocessScript = value.toString();
        break;
    case Vars:
        setVars(s, value.toJsonArray());
        break;
    case FieldCount:
        return;
    }
    Q_EMIT changed(field);
}

QJsonArray SourceSettingsDocument::vars(const SourceSettings &s)
{
    QStringList names = s.scriptVars.keys();
    for (const QString &name : s.secretScriptVars) {
        if (!names.contains(name))
            names.append(name);
    }
    names.sort();
    QJsonArray out;
    for (const QString &name : std::as_const(names)) {
        QJsonObject v{{u"name"_s, name}, {u"secret"_s, s.secretScriptVars.contains(name)}};
        if (s.scriptVars.contains(name))
            v.insert(u"value"_s, s.scriptVars.value(name));
        else
            v.insert(u"stored"_s, true);
        out.append(v);
    }
    return out;
}

void SourceSettingsDocument::setVars(SourceSettings &s, const QJsonArray &vars)
{
    s.scriptVars = {};
    s.secretScriptVars.clear();
    s.scriptVarsToKeep.clear();
    for (const QJsonValue &item : vars) {
        const QJsonObject v = item.toObject();
        const QString name = v.value(u"name"_s).toString();
        if (name.isEmpty())
            continue;
        const bool secret = v.value(u"secret"_s).toBool();
        if (secret)
            s.secretScriptVars.append(name);
        if (v.contains(u"value"_s))
            s.scriptVars.insert(name, v.value(u"value"_s));
        else if (secret)
            s.scriptVarsToKeep.append(name); // ConfigRepository::apply keeps the stored value
    }
    s.secretScriptVars.sort();
}

} // namespace inlet
