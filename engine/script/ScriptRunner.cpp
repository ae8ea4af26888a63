#include "script/ScriptRunner.h"

#include "script/ScriptHelpers.h"
#include "script/ScriptWatchdog.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>

#include <list>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

QString describeError(const QJSValue &error)
{
    const int line = error.property(u"lineNumber"_s).toInt();
    const QString text = error.toString();
    return line > 0 ? u"line %1: %2"_s.arg(line).arg(text) : text;
}

} // namespace

ScriptRunner::ScriptRunner(const QString &source)
    : m_helpers(new ScriptHelpers)
{
    // Only the ECMAScript built-ins: no console, no timers, no XMLHttpRequest,
    // no file access (none of QJSEngine's extensions are installed).
    m_engine.globalObject().setProperty(u"inlet"_s, m_engine.newQObject(m_helpers));
    const QJSValue result = m_engine.evaluate(source, u"preprocess.js"_s);
    if (result.isError()) {
        m_compileError = describeError(result);
        return;
    }
    m_main = m_engine.globalObject().property(u"main"_s);
    if (!m_main.isCallable())
        m_compileError = u"the script must define function main(ctx)"_s;
}

ScriptRunner::~ScriptRunner() = default;

ScriptResult ScriptRunner::run(const ScriptInput &input, int timeoutMs)
{
    ScriptResult r;
    if (!m_compileError.isEmpty()) {
        r.error = m_compileError;
        return r;
    }
    QElapsedTimer timer;
    timer.start();
    QJSValue ctx = m_engine.newObject();
    ctx.setProperty(u"vars"_s, m_engine.toScriptValue(input.vars));
    ctx.setProperty(u"body"_s, m_engine.toScriptValue(input.body));
    ctx.setProperty(u"rawBody"_s, QString::fromUtf8(input.rawBody));
    ctx.setProperty(u"headers"_s, m_engine.toScriptValue(input.headers));
    ctx.setProperty(u"query"_s, m_engine.toScriptValue(input.query));

    m_engine.setInterrupted(false);
    const quint64 token = ScriptWatchdog::instance().arm(&m_engine, timeoutMs);
    const QJSValue result = m_main.call({ctx});
    ScriptWatchdog::instance().disarm(token);
    r.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    if (m_engine.isInterrupted()) {
        m_engine.setInterrupted(false);
        r.timedOut = true;
        r.error = u"the script ran longer than %1 ms and was stopped"_s.arg(timeoutMs);
        return r;
    }
    if (result.isError()) {
        r.error = describeError(result);
        return r;
    }
    if (!result.isObject() || result.isArray() || result.isCallable()) {
        r.error =
            u"main(ctx) must return an object, it returned %1"_s.arg(result.isUndefined() ? u"undefined"_s
                                                                     : result.isNull()    ? u"null"_s
                                                                                          : result.toString().left(40));
        return r;
    }
    // Through JSON: functions and undefined values are dropped, as JSON.stringify does.
    const QJSValue json = m_engine.globalObject().property(u"JSON"_s).property(u"stringify"_s).call({result});
    r.output = QJsonDocument::fromJson(json.toString().toUtf8()).object();
    r.ok = true;
    return r;
}

ScriptRunner &ScriptRunner::forScript(const QString &source)
{
    constexpr int kMaxRunners = 16;
    // Most recently used first; each thread has its own engines.
    thread_local std::list<std::pair<QString, std::unique_ptr<ScriptRunner>>> cache;
    for (auto it = cache.begin(); it != cache.end(); ++it) {
        if (it->first == source) {
            cache.splice(cache.begin(), cache, it);
            return *cache.front().second;
        }
    }
    cache.emplace_front(source, std::make_unique<ScriptRunner>(source));
    if (int(cache.size()) > kMaxRunners)
        cache.pop_back();
    return *cache.front().second;
}

} // namespace inlet
