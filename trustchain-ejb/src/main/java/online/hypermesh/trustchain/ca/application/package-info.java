/** Thin session beans that implement the API: transactions, policy checks, orchestration. */
package online.hypermesh.trustchain.ca.application;
