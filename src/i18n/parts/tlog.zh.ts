/** zh-CN messages of the tlog area (the source of keys for `tlog.en.ts`). */
export const tlogZh = {
  'tlog.key_missing':
    '透明日志签名密钥文件 {file} 不存在，但数据库中已有本日志签署的检查点（树大小 {size}）。拒绝启动：系统不会自动生成新密钥，否则此前公布的全部检查点将无法再验证。请从备份恢复该文件，或用 GONGKAI_LOG_KEY_FILE 指向它。',
  'tlog.key_mismatch':
    '透明日志签名密钥文件 {file} 中的密钥（{keyId}）与数据库中最新检查点（树大小 {size}）的签名不符。拒绝启动：请恢复签署这些检查点的原密钥文件。',
  'tlog.key_malformed': '透明日志签名密钥文件 {file} 不是有效的签名密钥（应为一行 PRIVATE+KEY+…）。拒绝启动。',
  'tlog.key_origin_mismatch': '透明日志签名密钥文件 {file} 属于日志“{keyName}”，但配置的日志标识（GONGKAI_LOG_ORIGIN）为“{origin}”。拒绝启动。',
  'tlog.origin_changed': '数据库中的检查点属于日志“{stored}”，但配置的日志标识（GONGKAI_LOG_ORIGIN）为“{origin}”。日志标识一经使用不可更改。拒绝启动。',
  'tlog.foreign_signer': '数据库中的最新检查点（树大小 {size}）不是用本实例的密钥签署的：可能有另一个使用不同密钥的实例在签署。为避免分叉，停止签署。',
  'tlog.witness_key_missing':
    '见证密钥文件 {file} 不存在，但本实例已作为见证方联署过检查点。拒绝启动：系统不会自动生成新密钥，否则各日志配置的见证公钥将全部失效。请从备份恢复该文件，或用 GONGKAI_WITNESS_KEY_FILE 指向它。',
  'tlog.witness_key_malformed': '见证密钥文件 {file} 不是有效的见证签名密钥（应为一行 PRIVATE+KEY+…）。拒绝启动。',
  'tlog.witness_key_name_mismatch': '见证密钥文件 {file} 属于见证方“{keyName}”，但配置的见证名称（GONGKAI_WITNESS_NAME）为“{name}”。拒绝启动。',
} as const;
