/* test_dwarf_demangle.c: wd_demangle() on known pairs and on garbage.
 *
 * The Itanium pairs were checked against GNU c++filt 2.40 (binutils) when written, the
 * Rust ones follow rustfilt (legacy: no hash; v0: no crate disambiguators). Names the
 * demangler does not handle, malformed names and random strings must come back NULL (the
 * caller shows them mangled) and never crash: the fuzz loop runs under ASan/UBSan in the
 * sanitizer build.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "wd_dwarf.h"

static const struct {
    const char *mangled, *want;
} k_pairs[] = {
    {"_ZN3foo3barEv", "foo::bar()"},
    {"_Z3fooPKc", "foo(char const*)"},
    {"_Z1fPFviE", "f(void (*)(int))"},
    {"_Z1fRA10_i", "f(int (&) [10])"},
    {"_Z3maxIiET_S0_S0_", "int max<int>(int, int)"},
    {"_ZNSs4sizeEv", "std::basic_string<char, std::char_traits<char>, std::allocator<char> >::size()"},
    {"_Z1fSs", "f(std::basic_string<char, std::char_traits<char>, std::allocator<char> >)"},
    {"_ZNSt6vectorIiSaIiEE9push_backERKi", "std::vector<int, std::allocator<int> >::push_back(int const&)"},
    {"_ZN3FooC1Ev", "Foo::Foo()"},
    {"_ZN3FooD2Ev", "Foo::~Foo()"},
    {"_ZN3fooIN3barIiEEEE", "foo<bar<int> >"},
    {"_Z1fPFPFivEvE", "f(int (*(*)())())"},
    {"_ZZ4mainE1x", "main::x"},
    {"_Z3foov.cold", "foo() [clone .cold]"},
    {"_Z3foov.part.0.cold", "foo() [clone .part.0] [clone .cold]"},
    {"_Z3foov.llvm.123", "foo() [clone .llvm.123]"},
    {"_ZL3foov", "foo()"},
    {"_Z1fIiEvT_", "void f<int>(int)"},
    {"_Z1fILi3EEvv", "void f<3>()"},
    {"_Z1fILj3EEvv", "void f<3u>()"},
    {"_Z1fILb1EEvv", "void f<true>()"},
    {"_Z1fILc65EEvv", "void f<(char)65>()"},
    {"_Z1fILln3EEvv", "void f<-3l>()"},
    {"_Z1fIL3Foo1EEvv", "void f<(Foo)1>()"},
    {"_ZN12_GLOBAL__N_13fooEv", "(anonymous namespace)::foo()"},
    {"_ZZ4mainE1x_0", "main::x"},
    {"_ZZ4mainENKUlvE_clEv", "main::{lambda()#1}::operator()() const"},
    /* from the system-library corpus (bench/dwarf/demangle-corpus.sh), as c++filt prints
     * them: a constructor template has no return type; a local name's function shows none;
     * default-argument scopes; a substitution of T_ made inside a local name's encoding
     * means the T_ of the template where it is used */
    {"_ZN3fmt2v96detail10locale_refC1ISt6localeEERKT_",
     "fmt::v9::detail::locale_ref::locale_ref<std::locale>(std::locale const&)"},
    {"_ZZNSt8__detail18__to_chars_10_implIjEEvPcjT_E8__digits",
     "std::__detail::__to_chars_10_impl<unsigned int>(char*, unsigned int, unsigned int)::__digits"},
    {"_ZN9grpc_core11HPackParser5Input22MaybeSetErrorAndReturnIZNS0_6Parser22InvalidHPackIndexErrorIbEET_jS5_EUlvE_bEET0_S5_S7_",
     "bool grpc_core::HPackParser::Input::MaybeSetErrorAndReturn<grpc_core::HPackParser::Parser::InvalidHPackIndexError<bool>(unsigned int, bool)::{lambda()#1}, bool>(grpc_core::HPackParser::Parser::InvalidHPackIndexError<bool>(unsigned int, bool)::{lambda()#1}, bool)"},
    {"_ZTIZNK5clang15LocationContext9printJsonERN4llvm11raw_ostreamEPKcjbSt8functionIFvPKS0_EEEd_UlS8_E_",
     "typeinfo for clang::LocationContext::printJson(llvm::raw_ostream&, char const*, unsigned int, bool, std::function<void (clang::LocationContext const*)>) const::{default arg#1}::{lambda(clang::LocationContext const*)#1}"},
    {"_ZZN6google8protobuf8internal16OnShutdownDeleteINS0_14DescriptorPoolEEEPT_S5_ENUlPKvE_4_FUNES7_",
     "google::protobuf::internal::OnShutdownDelete<google::protobuf::DescriptorPool>(google::protobuf::DescriptorPool*)::{lambda(void const*)#1}::_FUN(void const*)"},
    {"_Z1fM3FooFivE", "f(int (Foo::*)())"},
    {"_Z1fM3FooKFivE", "f(int (Foo::*)() const)"},
    {"_Z1fM3Fooi", "f(int Foo::*)"},
    {"_ZNKR3Foo3getEv", "Foo::get() const &"},
    {"_ZN3FoocviEv", "Foo::operator int()"},
    {"_ZN3FoolsERSo", "Foo::operator<<(std::basic_ostream<char, std::char_traits<char> >&)"},
    {"_ZTV3Foo", "vtable for Foo"},
    {"_ZTI3Foo", "typeinfo for Foo"},
    {"_ZTS3Foo", "typeinfo name for Foo"},
    {"_ZGVZ4mainE1x", "guard variable for main::x"},
    {"_ZThn8_N3Foo3barEv", "non-virtual thunk to Foo::bar()"},
    {"_Z1fSaIiE", "f(std::allocator<int>)"},
    {"_Z1fSt6vectorIiSaIiEE", "f(std::vector<int, std::allocator<int> >)"},
    {"_Z1fPKPVc", "f(char volatile* const*)"},
    {"_Z1fDn", "f(decltype(nullptr))"},
    {"_ZN3FooltIiEEbv", "bool Foo::operator< <int>()"},
    {"_Z1fIPFivEEvv", "void f<int (*)()>()"},
    {"_Z1fIA3_iEvv", "void f<int [3]>()"},
    {"_ZN1AIiE1BIcE1fEv", "A<int>::B<char>::f()"},
    {"_ZN1A1BC2Ev", "A::B::B()"},
    {"_ZN1AD0Ev", "A::~A()"},
    {"_Z1fSi", "f(std::basic_istream<char, std::char_traits<char> >)"},
    {"_Z1fSo", "f(std::basic_ostream<char, std::char_traits<char> >)"},
    {"_Z1fSd", "f(std::basic_iostream<char, std::char_traits<char> >)"},
    {"_Z1fSb", "f(std::basic_string)"},
    {"_ZN3foo3bar3bazEi", "foo::bar::baz(int)"},
    {"_ZNK3Foo3getEv", "Foo::get() const"},
    {"_ZN3FooplERKS_", "Foo::operator+(Foo const&)"},
    {"_ZN5shape4areaEv", "shape::area()"},
    {"_ZN2ns5ShapeIfE4areaEv", "ns::Shape<float>::area()"},
    {"_ZN2ns5ShapeIfEC2Ef", "ns::Shape<float>::Shape(float)"},
    {"_ZN2ns5ShapeIfED2Ev", "ns::Shape<float>::~Shape()"},
    {"_Z4sum3IJEEvv", "void sum3<>()"},
    {"_Z5applyIiEvPFT_S0_ES0_", "void apply<int>(int (*)(int), int)"},
    {"_ZN2ns3MapIiNS_5ShapeIdEEE3getERKi", "ns::Map<int, ns::Shape<double> >::get(int const&)"},
    {"_Z1fPA3_A4_i", "f(int (*) [3][4])"},
    {"_Z1fRKA3_i", "f(int const (&) [3])"},
    {"_ZNSt3__112basic_stringIcNS_11char_traitsIcEENS_9allocatorIcEEE6appendEPKc", "std::__1::basic_string<char, std::__1::char_traits<char>, std::__1::allocator<char> >::append(char const*)"},
    {"_ZNKSt3__16vectorIiNS_9allocatorIiEEE4sizeEv", "std::__1::vector<int, std::__1::allocator<int> >::size() const"},
    {"_Z1fOi", "f(int&&)"},
    {"_Z1fPvS_", "f(void*, void*)"},
    {"_Z1fPiS_", "f(int*, int*)"},
    {"_Z1fIiJEEvv", "void f<int>()"},
    /* pack expansions (Dp): every libc++ program has them (construct, emplace, ...) */
    {"_ZNSt3__224__libcpp_operator_deleteIJPvEEEvDpT_", "void std::__2::__libcpp_operator_delete<void*>(void*)"},
    {"_ZNSt3__227__do_deallocate_handle_sizeIJEEEvPvmDpT_", "void std::__2::__do_deallocate_handle_size<>(void*, unsigned long)"},
    {"_ZNSt3__29allocatorIN3app4ItemEE9constructIS2_JS2_EEEvPT_DpOT0_", "void std::__2::allocator<app::Item>::construct<app::Item, app::Item>(app::Item*, app::Item&&)"},
    {"_ZNSt3__216allocator_traitsINS_9allocatorIN3app4ItemEEEE9constructIS3_JS3_EvEEvRS4_PT_DpOT0_", "void std::__2::allocator_traits<std::__2::allocator<app::Item> >::construct<app::Item, app::Item, void>(std::__2::allocator<app::Item>&, app::Item*, app::Item&&)"},
    {"_Z1fIJicEEvDpPT_", "void f<int, char>(int*, char*)"},
    {"_Z1fIJEEvDpT_", "void f<>()"},
    {"_Z1gIJidEEvDpRKT_i", "void g<int, double>(int const&, double const&, int)"},
    {"_ZN3FooaSERKS_", "Foo::operator=(Foo const&)"},
    {"_ZN3FooixEi", "Foo::operator[](int)"},
    {"_ZN3FooclEv", "Foo::operator()()"},
    {"_ZN3FoonwEm", "Foo::operator new(unsigned long)"},
    {"_ZdlPv", "operator delete(void*)"},
    {"_Znwm", "operator new(unsigned long)"},
    {"_Z1fDv4_f", "f(float __vector(4))"},
    {"_Z1fw", "f(wchar_t)"},
    {"_Z1fDi", "f(char32_t)"},
    {"_Z1fDs", "f(char16_t)"},
    {"_Z1fDu", "f(char8_t)"},
    {"_Z1fx", "f(long long)"},
    {"_Z1fy", "f(unsigned long long)"},
    {"_Z1fn", "f(__int128)"},
    {"_Z1fe", "f(long double)"},
    {"_Z1fz", "f(...)"},
    {"_Z1fiz", "f(int, ...)"},
    {"_Z1fVKi", "f(int const volatile)"},
    {"_Z1fPrKi", "f(int const restrict*)"},
    {"_ZN4core3fmt5write17h0123456789abcdefE", "core::fmt::write"},
    {"_ZN3foo17h0123456789abcdefE", "foo"},
    {"_Z3foo", "foo"},
    {"_ZN4core3ptr85drop_in_place$LT$std..rt..lang_start$LT$$LP$$RP$$GT$..$u7b$$u7b$closure$u7d$$u7d$$GT$17h0123456789abcdefE", "core::ptr::drop_in_place<std::rt::lang_start<()>::{{closure}}>"},
    {"_ZN3std2rt10lang_start17h0123456789abcdefE.llvm.123", "std::rt::lang_start"},
    {"_RNvCs1234_7mycrate3foo", "mycrate::foo"},
    {"_RINvCs1234_7mycrate3barlEB2_", "mycrate::bar::<i32>"},
    {"_RNvMCs1234_7mycrateNtB2_3Foo3new", "<mycrate::Foo>::new"},
    {"_RNvXCs1234_7mycrateNtB2_3FooNtNtCs5_4core3fmt7Display3fmt", "<mycrate::Foo as core::fmt::Display>::fmt"},
    {"_RNCNvCs1234_7mycrate4main0B3_", "mycrate::main::{closure#0}"},
    {"_RINvCs1234_7mycrate3bazRShEB2_", "mycrate::baz::<&[u8]>"},
    {"_RINvCs1234_7mycrate3bazTlmEEB2_", "mycrate::baz::<(i32, u32)>"},
    {"_RINvCs1234_7mycrate3bazKj3_EB2_", "mycrate::baz::<3>"},
    {"_RINvCs1234_7mycrate3bazAhj4_EB2_", "mycrate::baz::<[u8; 4]>"},
    {"_RNvNtCs1234_7mycrate5inner4func", "mycrate::inner::func"},
    {"_ZNKSt7__cxx118messagesIcE4openERKNS_12basic_stringIcSt11char_traitsIcESaIcEEERKSt6localePKc", "std::__cxx11::messages<char>::open(std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> > const&, std::locale const&, char const*) const"},
    {"_ZN4llvm12SCEVExpander23visitSequentialUMinExprEPKNS_22SCEVSequentialUMinExprE", "llvm::SCEVExpander::visitSequentialUMinExpr(llvm::SCEVSequentialUMinExpr const*)"},
    {"_ZN4llvm10CallBrInst23updateArgBlockAddressesEjPNS_10BasicBlockE", "llvm::CallBrInst::updateArgBlockAddresses(unsigned int, llvm::BasicBlock*)"},
    {"_ZN4llvm9DwarfUnit7addTypeERNS_3DIEEPKNS_6DITypeENS_5dwarf9AttributeE", "llvm::DwarfUnit::addType(llvm::DIE&, llvm::DIType const*, llvm::dwarf::Attribute)"},
    {"_ZN4llvm12SelectionDAG17getBoolExtOrTruncENS_7SDValueERKNS_5SDLocENS_3EVTES5_", "llvm::SelectionDAG::getBoolExtOrTrunc(llvm::SDValue, llvm::SDLoc const&, llvm::EVT, llvm::EVT)"},
    {"_ZN4llvm8LoopInfoC2ERKNS_17DominatorTreeBaseINS_10BasicBlockELb0EEE", "llvm::LoopInfo::LoopInfo(llvm::DominatorTreeBase<llvm::BasicBlock, false> const&)"},
    {"_ZN4llvm15StackSafetyInfoC2EPNS_8FunctionESt8functionIFRNS_15ScalarEvolutionEvEE", "llvm::StackSafetyInfo::StackSafetyInfo(llvm::Function*, std::function<llvm::ScalarEvolution& ()>)"},
    {"_ZN4llvm8CastInst22CreateBitOrPointerCastEPNS_5ValueEPNS_4TypeERKNS_5TwineENS_14InsertPositionE", "llvm::CastInst::CreateBitOrPointerCast(llvm::Value*, llvm::Type*, llvm::Twine const&, llvm::InsertPosition)"},
    {"_ZN4llvm13RegBankSelect19assignRegisterBanksERNS_15MachineFunctionE", "llvm::RegBankSelect::assignRegisterBanks(llvm::MachineFunction&)"},
    {"_ZTSN4llvm2cl3optINS_13RegBankSelect4ModeELb0ENS0_6parserIS3_EEEE", "typeinfo name for llvm::cl::opt<llvm::RegBankSelect::Mode, false, llvm::cl::parser<llvm::RegBankSelect::Mode> >"},
    {"_ZN4llvm10AsmPrinterC1ERNS_13TargetMachineESt10unique_ptrINS_10MCStreamerESt14default_deleteIS4_EE", "llvm::AsmPrinter::AsmPrinter(llvm::TargetMachine&, std::unique_ptr<llvm::MCStreamer, std::default_delete<llvm::MCStreamer> >)"},
    {"_ZNK4llvm6object13ELFObjectFileINS0_7ELFTypeILNS_10endiannessE1ELb0EEEE15section_rel_endENS0_11DataRefImplE", "llvm::object::ELFObjectFile<llvm::object::ELFType<(llvm::endianness)1, false> >::section_rel_end(llvm::object::DataRefImpl) const"},
};

/* not handled or malformed: NULL */
static const char *const k_null[] = {
    "not_mangled", "", "_", "_Z", "_ZN", "_ZN3foo", "_Z1fT_", "_Z1fS_", "_Z1fPiS0_S_",
    "_ZN1A1BIiE1CIcE1fES2_S4_", "_Z99foo", "_ZN3foo3barE.", "_Z1fILi3E",
    "_R", "_RNvC", "_RNvCs1234_7mycrate", "_RB_", "_RNvCs_3foo3barZ", "_ZdlPv!", "main",
};

static void test_pairs(void **state)
{
    (void)state;
    size_t n = sizeof k_pairs / sizeof k_pairs[0];
    assert_true(n >= 40);
    for (size_t i = 0; i < n; i++) {
        char *got = wd_demangle(k_pairs[i].mangled);
        if (!got || strcmp(got, k_pairs[i].want) != 0)
            fail_msg("%s:\n  got  %s\n  want %s", k_pairs[i].mangled, got ? got : "(null)",
                     k_pairs[i].want);
        free(got);
    }
}

static void test_null(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof k_null / sizeof k_null[0]; i++) {
        char *got = wd_demangle(k_null[i]);
        if (got)
            fail_msg("%s: want NULL, got %s", k_null[i], got);
    }
    assert_null(wd_demangle(NULL));
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

/* random strings and mutated valid names: anything may come back, nothing may crash */
static void test_fuzz(void **state)
{
    (void)state;
    static const char alpha[] = "_ZNRSIEKLPTVOFAMDCUvijlcsdfbxyzwn0123456789_ZRNvCsBIEKjhlxytuUlJXatcd.$";
    size_t np = sizeof k_pairs / sizeof k_pairs[0];
    long iters = getenv("WD_FUZZ_ITERS") ? atol(getenv("WD_FUZZ_ITERS")) : 200000;
    for (long it = 0; it < iters; it++) {
        char buf[320];
        if (it % 3 == 0) {
            size_t len = rnd(48);
            buf[0] = '_';
            buf[1] = rnd(2) ? 'Z' : 'R';
            for (size_t i = 0; i < len; i++)
                buf[2 + i] = alpha[rnd(sizeof alpha - 1)];
            buf[2 + len] = '\0';
        } else {
            snprintf(buf, sizeof buf, "%s", k_pairs[rnd((uint32_t)np)].mangled);
            size_t len = strlen(buf);
            for (uint32_t k = 1 + rnd(4); k > 0 && len > 0; k--) {
                size_t pos = rnd((uint32_t)len);
                switch (rnd(3)) {
                case 0: buf[pos] = alpha[rnd(sizeof alpha - 1)]; break;
                case 1: buf[pos] = '\0'; len = pos; break;
                default:
                    if (len + 2 < sizeof buf) {
                        memmove(buf + pos + 1, buf + pos, len - pos + 1);
                        buf[pos] = alpha[rnd(sizeof alpha - 1)];
                        len++;
                    }
                }
            }
        }
        char *r = wd_demangle(buf);
        if (r)
            assert_true(strlen(r) < 70000);
        free(r);
    }
}

/* deep nesting, long inputs and substitution blow-ups are bounded */
static void test_limits(void **state)
{
    (void)state;
    static char big[20000];
    memset(big, 'P', sizeof big - 1);
    memcpy(big, "_Z1f", 4);
    big[9000] = 'i';
    big[9001] = '\0';
    free(wd_demangle(big));
    strcpy(big, "_Z1fPi");
    for (int i = 0; i < 500; i++)
        strcat(big, "S0_");
    free(wd_demangle(big));
    strcpy(big, "_Z1fIiE");
    for (int i = 0; i < 1500; i++)
        strcat(big, "IS_E");
    free(wd_demangle(big));
    strcpy(big, "_RINvCs1_1a1f");
    for (int i = 0; i < 1000; i++)
        strcat(big, "B8_");
    strcat(big, "E");
    free(wd_demangle(big));
    /* a self-referencing Rust backref must not loop */
    assert_null(wd_demangle("_RNvB_3foo"));
    assert_null(wd_demangle("_RNvB0_3foo"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairs),
        cmocka_unit_test(test_null),
        cmocka_unit_test(test_fuzz),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
