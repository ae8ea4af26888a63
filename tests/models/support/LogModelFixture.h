#pragma once

#include "models/db/SqlWorker.h"
#include "support/TestDatabase.h"

#include <QAbstractItemModelTester>

namespace inlet::test {

// A log model (EventLogModel, ActionLogModel) over a fresh test database, as
// a view uses it: on its own SqlWorker, with Qt's model tester checking every
// change it signals. Rows go in through db(), before or after the model
// first loads (the worker connects on its first query).
template <typename Model>
class LogModelFixture final
{
public:
    LogModelFixture()
        : m_worker(m_db.url())
        , m_model(&m_worker)
        , m_tester(&m_model, QAbstractItemModelTester::FailureReportingMode::QtTest)
    {}

    TestDatabase &db() { return m_db; }
    Model &model() { return m_model; }

private:
    TestDatabase m_db;
    SqlWorker m_worker;
    Model m_model;
    QAbstractItemModelTester m_tester;
};

} // namespace inlet::test
