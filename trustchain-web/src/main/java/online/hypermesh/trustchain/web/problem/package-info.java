/** RFC 9457 problem+json: the only place errors become HTTP responses. */
package online.hypermesh.trustchain.web.problem;
