/* never.c: linked into every debugger benchmark program: a function nobody calls (the
 * target of the "breakpoint never hit" measurement) and a variable nobody touches (the
 * target of the watchpoint measurement). Kept by the linker through never_called's export. */
volatile int never_written;

__attribute__((noinline, export_name("never_called"))) void never_called(void)
{
    never_written = 1;
}
