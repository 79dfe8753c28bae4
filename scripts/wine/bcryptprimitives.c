/* A stand-in for Windows' bcryptprimitives.dll, for running tests under Wine 8 (Debian 12), which
 * lacks it. Rust's standard library takes its randomness (HashMap seeds) from ProcessPrng in this
 * DLL; here it comes from RtlGenRandom (advapi32's SystemFunction036), which Wine has. Built by
 * scripts/windows-check.sh into a throw-away Wine prefix; never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
    if (!SystemFunction036(data, chunk)) return FALSE;
    data += chunk;
    length -= chunk;
  }
  return TRUE;
}
