#pragma once

#include <QString>

namespace inlet {

// Thrown by SqlStatement when the database refuses a statement. It never
// leaves the store: ActionExecutor::execute() and StoreQueries catch it and
// turn it into an error result, which keeps the many small queries of an
// action free of error plumbing.
class StoreFailure final
{
public:
    explicit StoreFailure(QString message)
        : m_message(std::move(message))
    {}
    const QString &message() const { return m_message; }

private:
    QString m_message;
};

} // namespace inlet
