# One INTERFACE target carries the language standard, warnings and Qt's
# strictness macros; every Inlet target links it.
add_library(inlet_common_cfg INTERFACE)
target_compile_features(inlet_common_cfg INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_options(inlet_common_cfg INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
    -Wcast-align -Wimplicit-fallthrough)
target_compile_definitions(inlet_common_cfg INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)

# ccache, with the sloppiness precompiled headers need (InletPch.cmake), in
# depend mode: a miss (every compile of a cold cache, as in CI) then costs no
# extra preprocessor run, ccache hashes the headers the compiler's -MD lists.
# A build directory that cached plain ccache as launcher gets this one.
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
    set(inlet_ccache_launcher env CCACHE_DEPEND=1
                              CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
                              ${CCACHE_PROGRAM})
    if(NOT DEFINED CMAKE_CXX_COMPILER_LAUNCHER OR CMAKE_CXX_COMPILER_LAUNCHER STREQUAL CCACHE_PROGRAM)
        set(CMAKE_CXX_COMPILER_LAUNCHER "${inlet_ccache_launcher}" CACHE STRING "" FORCE)
    endif()
endif()
