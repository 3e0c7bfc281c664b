// Secure Temple, Cloud Temple's SecNumCloud IaaS: virtual machines with their backup policies, disks, network adapters, buckets and storage accounts, and components that follow the service convention by construction.
package securetemple
