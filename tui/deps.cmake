# tui/deps.cmake: wdtui's extra dependencies (included by the top CMakeLists.txt).
# The model is a client of the debug session (wddebugger, which brings the WASI host and the
# DWARF layer), with a reader thread for the program's output.
find_package(Threads REQUIRED)
target_link_libraries(wdtui PUBLIC wddebugger wdwasi wddwarf Threads::Threads)
target_include_directories(wdtui PUBLIC "${CMAKE_SOURCE_DIR}/wasi" "${CMAKE_SOURCE_DIR}/dwarf"
                           "${CMAKE_SOURCE_DIR}/debugger")
