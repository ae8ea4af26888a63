#pragma once

#include "script/ScriptInput.h"
#include "script/ScriptResult.h"

#include <QJSEngine>
#include <QJSValue>

#include <memory>

namespace inlet {

class ScriptHelpers;

// Runs a preprocess script (`function main(ctx) { ... }`) in Qt's JavaScript
// engine with no file, network or process access and a time limit. A runner
// compiles its script once; QJSEngine is not thread-safe, so each thread gets
// its own runners through forScript().
class ScriptRunner final
{
    Q_DISABLE_COPY_MOVE(ScriptRunner)
public:
    explicit ScriptRunner(const QString &source);
    ~ScriptRunner();

    // Compile errors, if any ("line 3: SyntaxError: ...").
    QString compileError() const { return m_compileError; }

    ScriptResult run(const ScriptInput &input, int timeoutMs = kDefaultTimeoutMs);

    // A runner for `source` owned by the calling thread (a small cache).
    static ScriptRunner &forScript(const QString &source);

    static constexpr int kDefaultTimeoutMs = 100;

private:
    QJSEngine m_engine;
    ScriptHelpers *m_helpers = nullptr;
    QJSValue m_main;
    QString m_compileError;
};

} // namespace inlet
