# tui/deps.cmake: wdtui's extra dependencies (included by the top CMakeLists.txt).
# The model uses the WASI host and the DWARF layer, and a reader thread for program output.
find_package(Threads REQUIRED)
target_link_libraries(wdtui PUBLIC wdwasi wddwarf Threads::Threads)
target_include_directories(wdtui PUBLIC "${CMAKE_SOURCE_DIR}/wasi" "${CMAKE_SOURCE_DIR}/dwarf")
