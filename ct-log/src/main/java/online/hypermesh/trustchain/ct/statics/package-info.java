/** The C2SP static-ct-api read path: tile coordinates and paths, and the checkpoint as a C2SP signed note with an RFC6962NoteSignature. */
package online.hypermesh.trustchain.ct.statics;
