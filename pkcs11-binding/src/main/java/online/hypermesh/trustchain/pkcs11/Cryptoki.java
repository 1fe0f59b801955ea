package online.hypermesh.trustchain.pkcs11;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;

/**
 * The PKCS#11 v2.40 functions the token calls, bound by name through JNA. SunPKCS11's public API
 * cannot select a token by label, keep labelled key pairs without a certificate, or hand out its
 * sessions, so the token talks to the library directly. CK_ULONG is a C {@code unsigned long}
 * ({@link NativeLong}); arrays of handles are {@code long[]}, which holds on LP64 Linux only.
 */
public interface Cryptoki extends Library {
    NativeLong C_Initialize(Pointer initArgs);

    NativeLong C_Finalize(Pointer reserved);

    NativeLong C_GetSlotList(byte tokenPresent, long[] slots, NativeLongByReference count);

    NativeLong C_GetTokenInfo(NativeLong slot, Pointer info);

    NativeLong C_OpenSession(NativeLong slot, NativeLong flags, Pointer application, Pointer notify, NativeLongByReference session);

    NativeLong C_CloseSession(NativeLong session);

    NativeLong C_GetSessionInfo(NativeLong session, Pointer info);

    NativeLong C_Login(NativeLong session, NativeLong userType, byte[] pin, NativeLong pinLength);

    NativeLong C_GenerateKeyPair(NativeLong session, Pointer mechanism, Pointer publicTemplate, NativeLong publicCount,
                                 Pointer privateTemplate, NativeLong privateCount, NativeLongByReference publicKey,
                                 NativeLongByReference privateKey);

    NativeLong C_FindObjectsInit(NativeLong session, Pointer template, NativeLong count);

    NativeLong C_FindObjects(NativeLong session, long[] objects, NativeLong max, NativeLongByReference count);

    NativeLong C_FindObjectsFinal(NativeLong session);

    NativeLong C_GetAttributeValue(NativeLong session, NativeLong object, Pointer template, NativeLong count);

    NativeLong C_SignInit(NativeLong session, Pointer mechanism, NativeLong key);

    NativeLong C_Sign(NativeLong session, byte[] data, NativeLong dataLength, byte[] signature, NativeLongByReference signatureLength);
}
