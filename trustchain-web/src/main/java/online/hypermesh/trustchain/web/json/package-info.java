/** JSON wire format: snake_case names, RFC 3339 UTC times, request bodies parsed strictly. */
package online.hypermesh.trustchain.web.json;
