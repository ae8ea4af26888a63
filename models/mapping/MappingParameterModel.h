#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QPointer>

namespace inlet {

class MappingDocument;

// The parameters of one mapping of a MappingDocument, one row each in the
// action type's order: name (required ones starred), expression as
// configured, the value it resolves to against the sample, and a check
// mark, then an empty column where the view puts the field's menu button.
// Editing the expression or dropping a path (application/x-inlet-path or
// text/plain) on a row pushes an undoable command on the document.
class MappingParameterModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MappingParameterModel)
public:
    enum Column { Parameter, Expression, Resolved, Check, Menu, ColumnCount };
    enum Role { NameRole = Qt::UserRole + 1, RequiredRole, StateRole, ConfiguredRole };

    MappingParameterModel(MappingDocument *document, int mapping, QObject *parent = nullptr);

    void setSample(const QJsonObject &sample); // {body, headers, query, preprocess}
    int mappingIndex() const { return m_mapping; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    QStringList mimeTypes() const override;
    Qt::DropActions supportedDropActions() const override { return Qt::CopyAction | Qt::MoveAction; }
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

    // The text shown for a configured value, and back: a bare path for a
    // path string, compact JSON for the object forms (SPEC 9.2).
    static QString expressionText(const QJsonValue &value);
    static QJsonValue parseExpression(const QString &text);

private:
    static QString droppedPath(const QMimeData *data);
    int targetRow(int row, const QModelIndex &parent) const;

    QPointer<MappingDocument> m_document;
    int m_mapping;
    QJsonObject m_sample;
};

} // namespace inlet
