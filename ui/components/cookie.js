// Writes (or, with max_age 0, deletes) the login cookie. The server reads it back through
// st.context.cookies on the next page load; its value is signed and expiring (itsdangerous).
export default function (component) {
  const { data } = component;
  if (!data || !data.name) return;
  const secure = location.protocol === "https:" ? "; Secure" : "";
  const value = data.max_age > 0 ? encodeURIComponent(data.value) : "";
  document.cookie = `${data.name}=${value}; Max-Age=${Math.max(0, Math.floor(data.max_age))}; Path=/; SameSite=Strict${secure}`;
}
