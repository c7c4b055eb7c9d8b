target_link_libraries(wddebugger PUBLIC wddwarf wdwasi wdprofiler)
