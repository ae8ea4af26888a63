# Precompiled headers. Most of the time of compiling an Inlet source file goes
# into parsing Qt's headers (a 28-line file is 135,000 lines once
# preprocessed), so the heavy ones are parsed once per build into a
# precompiled header that every target reuses. See docs/reliability.md, "CI".
#
# Two kinds of owners, because a PCH is only valid for code compiled with the
# same flags and macros: libraries reuse inlet_pch_lib's, test executables
# the one of their test group. QtTest's headers look at the QT_<MODULE>_LIB macros (which
# application type QTEST_MAIN creates, which toString overloads exist), so
# each test group links one fixed set of Qt modules, the same as its owner.
# The other headers do not look at those macros: one library PCH serves all.
#
# ccache caches these compiles with sloppiness=pch_defines,time_macros (set
# in InletCommon.cmake); clang also needs -fno-pch-timestamp.
option(INLET_PCH "Precompile the common Qt headers (OFF checks that each file includes what it uses)" ON)

set(inlet_pch_lib_headers
    <QByteArray> <QDateTime> <QHash> <QJsonArray> <QJsonDocument> <QJsonObject> <QJsonValue> <QList> <QMap>
    <QObject> <QRegularExpression> <QSet> <QString> <QStringList> <QTimer> <QVariant>
    <QSqlDatabase> <QSqlError> <QSqlQuery>)
set(inlet_pch_widgets_headers
    <QApplication> <QCheckBox> <QComboBox> <QHBoxLayout> <QHeaderView> <QLabel> <QLineEdit> <QMenu>
    <QPlainTextEdit> <QPushButton> <QSplitter> <QTableView> <QTreeWidget> <QVBoxLayout> <QWidget>)
set(inlet_pch_test_headers ${inlet_pch_lib_headers} <QTest> <QSignalSpy> <QTemporaryDir>)

if(INLET_PCH AND CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    target_compile_options(inlet_common_cfg INTERFACE "SHELL:-Xclang -fno-pch-timestamp")
endif()

# The owners' source: they exist only to compile the PCH once.
file(CONFIGURE OUTPUT ${CMAKE_BINARY_DIR}/inlet_pch/owner.cpp CONTENT "int main() { return 0; }\n")

if(INLET_PCH)
    add_library(inlet_pch_lib STATIC ${CMAKE_BINARY_DIR}/inlet_pch/owner.cpp)
    # Only QtCore's definitions: GCC uses a PCH only where every macro defined
    # when it was made is defined (QT_SQL_LIB would exclude inlet_util).
    target_link_libraries(inlet_pch_lib PRIVATE inlet_common_cfg Qt6::Core)
    target_include_directories(inlet_pch_lib SYSTEM PRIVATE $<TARGET_PROPERTY:Qt6::Sql,INTERFACE_INCLUDE_DIRECTORIES>)
    set_target_properties(inlet_pch_lib PROPERTIES AUTOMOC OFF AUTORCC OFF)
    target_precompile_headers(inlet_pch_lib PRIVATE ${inlet_pch_lib_headers})
endif()

# A library target uses the shared library PCH.
function(inlet_lib_pch target)
    if(INLET_PCH)
        target_precompile_headers(${target} REUSE_FROM inlet_pch_lib)
    endif()
endfunction()

# inlet_ui has a PCH of its own, with the widgets: most of its files' time.
function(inlet_widgets_pch target)
    if(INLET_PCH)
        target_precompile_headers(${target} PRIVATE ${inlet_pch_lib_headers} ${inlet_pch_widgets_headers})
    endif()
endfunction()

# The Qt modules of each test group: every test of the group links them.
set(inlet_test_qt_core Qt6::Core Qt6::Network Qt6::Sql Qt6::Qml Qt6::Test)
set(inlet_test_qt_gui ${inlet_test_qt_core} Qt6::Gui)
set(inlet_test_qt_widgets ${inlet_test_qt_gui} Qt6::Widgets)

# A test executable of group core, gui or widgets: links the group's Qt
# modules and uses the group's PCH (its owner is made on first use).
function(inlet_test_pch target group)
    target_link_libraries(${target} PRIVATE ${inlet_test_qt_${group}})
    if(NOT INLET_PCH)
        return()
    endif()
    set(owner inlet_pch_test_${group})
    if(NOT TARGET ${owner})
        add_executable(${owner} ${CMAKE_BINARY_DIR}/inlet_pch/owner.cpp)
        target_link_libraries(${owner} PRIVATE inlet_common_cfg ${inlet_test_qt_${group}})
        set_target_properties(${owner} PROPERTIES AUTOMOC OFF AUTORCC OFF)
        target_precompile_headers(${owner} PRIVATE ${inlet_pch_test_headers})
    endif()
    target_precompile_headers(${target} REUSE_FROM ${owner})
endfunction()
